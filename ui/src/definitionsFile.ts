// 设置 → 指标口径: checks on a court's indicator definition file before it is read and sent to the back end
// (which checks the content with the same parser as `andu stats --definitions`).

/** The embedded file is about 10 KB; anything far bigger is the wrong file. */
export const MAX_DEFINITIONS_FILE_BYTES = 512 * 1024

export type TomlFileProblem = '' | 'notToml' | 'empty' | 'tooLarge'
export type DefinitionsFileProblem = TomlFileProblem

/** Why a chosen TOML file (definitions, rules) is refused before reading it, or '' when it may be read. */
export function tomlFileProblem(file: Pick<File, 'name' | 'size'>, maxBytes: number): TomlFileProblem {
  if (!/\.toml$/i.test(file.name)) return 'notToml'
  if (file.size === 0) return 'empty'
  if (file.size > maxBytes) return 'tooLarge'
  return ''
}

export function definitionsFileProblem(file: Pick<File, 'name' | 'size'>): DefinitionsFileProblem {
  return tomlFileProblem(file, MAX_DEFINITIONS_FILE_BYTES)
}

/** The line under the title: name and version, and whether it is the court's own file. */
export function definitionsLabel(info: { custom: boolean; name: string; version: string }): string {
  return `${info.name}（${info.version}）`
}
