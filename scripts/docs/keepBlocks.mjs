// Hand-kept blocks in generated documents: `<!-- keep:NAME -->` … `<!-- /keep:NAME -->` in the
// committed copy survive regeneration. A block the new text also has is replaced in place by the
// kept one; a block it lacks is appended at the end, so nobody's note is lost.

const BLOCK = /<!-- keep:([\w.-]+) -->[\s\S]*?<!-- \/keep:\1 -->/g;

/** The kept blocks of a document, by name, each with its markers. */
export function keepBlocks(text) {
  const blocks = new Map();
  for (const match of text.matchAll(BLOCK)) blocks.set(match[1], match[0]);
  return blocks;
}

/** `generated` with every keep block of `committed` carried over. */
export function mergeKeepBlocks(generated, committed) {
  const kept = keepBlocks(committed);
  const placed = new Set();
  let merged = generated.replace(BLOCK, (block, name) => {
    if (!kept.has(name)) return block;
    placed.add(name);
    return kept.get(name);
  });
  const rest = [...kept].filter(([name]) => !placed.has(name)).map(([, block]) => block);
  if (rest.length > 0) merged = `${merged.trimEnd()}\n\n${rest.join('\n\n')}\n`;
  return merged;
}
