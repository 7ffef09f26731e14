// The party dialog edits one party of a stored case; the back end validates the whole case and names each problem
// by its place in the party list (`parties[2].name`).

/** `parties[2].name` → `name`; a whole-row problem (`parties[2]`) is shown under the name. */
export function partyField(path: string): string {
  return path.replace(/^parties\[\d+\]\.?/, '') || 'name'
}
