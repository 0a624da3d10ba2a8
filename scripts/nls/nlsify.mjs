// Moves the user-facing strings of package.json's `contributes` into package.nls.json: each
// literal becomes a %key% (keys named after where the string sits, so they stay stable when
// entries are added), and the key's English text goes to package.nls.json. Strings that already
// are %key% are left alone. Pure: scripts/nlsify.mjs does the file work.

const SCHEMA_TEXT = ['title', 'description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage'];

const isKey = (value) => typeof value === 'string' && /^%[^%\s]+%$/.test(value);
const short = (id) => String(id).replace(/^hubmon\./, '');
const slug = (text) => String(text).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toLowerCase());

/** A settings schema (and its nested properties and items), field by field. */
function schemaStrings(schema, key, put) {
  if (!schema || typeof schema !== 'object') return;
  for (const field of SCHEMA_TEXT) if (field in schema) put(schema, field, `${key}.${field}`);
  for (const field of ['enumDescriptions', 'markdownEnumDescriptions']) {
    const list = schema[field];
    if (!Array.isArray(list)) continue;
    list.forEach((_text, i) => put(list, i, `${key}.${field}.${Array.isArray(schema.enum) ? slug(schema.enum[i]) : i}`));
  }
  for (const [name, child] of Object.entries(schema.properties ?? {})) schemaStrings(child, `${key}.${name}`, put);
  if (schema.items && !Array.isArray(schema.items)) schemaStrings(schema.items, `${key}.items`, put);
}

/** Every place in `contributes` that holds a string a user reads, as (holder, field, key). */
function visitContributed(contributes, put) {
  for (const c of contributes.commands ?? []) {
    put(c, 'title', `command.${short(c.command)}.title`);
    put(c, 'shortTitle', `command.${short(c.command)}.shortTitle`);
    if (typeof c.category === 'string' && !isKey(c.category)) put(c, 'category', `category.${slug(c.category)}`);
  }
  for (const [where, list] of Object.entries(contributes.viewsContainers ?? {})) {
    for (const v of list) put(v, 'title', `viewsContainer.${where}.${short(v.id)}.title`);
  }
  for (const list of Object.values(contributes.views ?? {})) {
    for (const v of list) {
      put(v, 'name', `view.${short(v.id)}.name`);
      put(v, 'contextualTitle', `view.${short(v.id)}.contextualTitle`);
    }
  }
  const perView = new Map();
  for (const w of contributes.viewsWelcome ?? []) {
    const n = (perView.get(w.view) ?? 0) + 1;
    perView.set(w.view, n);
    put(w, 'contents', `viewsWelcome.${short(w.view)}.${n}`);
  }
  const configurations = Array.isArray(contributes.configuration) ? contributes.configuration : contributes.configuration ? [contributes.configuration] : [];
  configurations.forEach((conf, i) => {
    put(conf, 'title', i === 0 ? 'configuration.title' : `configuration.${i}.title`);
    for (const [id, schema] of Object.entries(conf.properties ?? {})) schemaStrings(schema, `config.${short(id)}`, put);
  });
  for (const w of contributes.walkthroughs ?? []) {
    put(w, 'title', `walkthrough.${short(w.id)}.title`);
    put(w, 'description', `walkthrough.${short(w.id)}.description`);
    for (const step of w.steps ?? []) {
      put(step, 'title', `walkthrough.${short(w.id)}.${step.id}.title`);
      put(step, 'description', `walkthrough.${short(w.id)}.${step.id}.description`);
      if (step.media && typeof step.media.altText === 'string') put(step.media, 'altText', `walkthrough.${short(w.id)}.${step.id}.altText`);
    }
  }
  for (const s of contributes.submenus ?? []) put(s, 'label', `submenu.${short(s.id)}.label`);
}

/**
 * { manifest, nls, moved }: a copy of the manifest with %keys%, the nls table, how many strings moved.
 * A literal in the manifest is the newest text (someone edited it after a merge), so it replaces the
 * older text under its key; keys no longer referenced are dropped.
 */
export function nlsify(manifest, existingNls = {}) {
  const copy = JSON.parse(JSON.stringify(manifest));
  const nls = { ...existingNls };
  const assigned = new Map();
  let moved = 0;
  const put = (holder, field, key) => {
    const value = holder[field];
    if (typeof value !== 'string' || isKey(value)) return;
    if (assigned.has(key) && assigned.get(key) !== value) throw new Error(`two different texts would share the key "${key}": "${assigned.get(key)}" and "${value}"`);
    assigned.set(key, value);
    nls[key] = value;
    holder[field] = `%${key}%`;
    moved += 1;
  };
  visitContributed(copy.contributes ?? {}, put);
  const used = new Set(nlsKeys(copy));
  const kept = Object.entries(nls).filter(([key]) => used.has(key)).sort(([a], [b]) => a.localeCompare(b));
  return { manifest: copy, nls: Object.fromEntries(kept), moved };
}

/** The %key% references anywhere in the manifest. */
export function nlsKeys(value, found = []) {
  if (isKey(value)) found.push(value.slice(1, -1));
  else if (Array.isArray(value)) value.forEach((v) => nlsKeys(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => nlsKeys(v, found));
  return found;
}
