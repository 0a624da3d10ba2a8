import type { SimContract } from '../world';

/** `CON.F.US.EP.U25` → `EP`: the product root inside a contract id. */
function productRoot(c: SimContract): string {
  return c.id.split('.')[3] ?? '';
}

/** `F.US.MNQ` → `MNQ`; `/MNQ` → `MNQ`. */
function symbolRoot(c: SimContract): string {
  return (c.symbolId.split('.').pop() ?? '').replace(/^\//, '');
}

/**
 * Contract/search as a trader types it: a symbol (`ESU5`), a product root (`ES`, `EP`, `MNQ`), the
 * full id, or words that begin words of the name (`E-mini S&P`, `Gold`); a product's micro comes
 * with it. No substring inside a word matches, so "EP" does not find "September". An empty text lists all (max 20).
 */
export function searchContracts(contracts: readonly SimContract[], text: string): SimContract[] {
  const t = text.trim().toUpperCase();
  if (!t) return contracts.slice(0, 20);
  const match = (c: SimContract): boolean => {
    const roots = [productRoot(c), symbolRoot(c), c.symbolName.replace(/^\//, '')].map((r) => r.toUpperCase());
    // The micro of a product answers its root too ("NQ" finds NQ and MNQ), as on the gateway.
    if (roots.includes(t) || roots.includes(`M${t}`)) return true;
    // A symbol is root + month code + year digit(s): "ES" finds ESU5, "ESU" too, "ESU5" exactly.
    if (c.name.toUpperCase().startsWith(t) && roots.some((r) => r.length > 0 && t.length >= r.length && t.startsWith(r))) return true;
    if (c.id.toUpperCase() === t) return true;
    const words = c.description.toUpperCase().split(/[\s:,]+/);
    const typed = t.split(/\s+/);
    return typed.every((w) => words.some((word) => word.startsWith(w))) && t.length >= 3;
  };
  return contracts.filter(match).slice(0, 20);
}
