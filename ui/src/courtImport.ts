// Pure logic of the court-export import dialog: the file as base64, the mapping the user's choices make, and which
// errors belong in which cell of the preview.
import type { CellError, ColumnMapping, ImportField, MappingFile, PreviewRow } from './api/courtImport'

/** Files the dialog accepts (the back end reads the format from the bytes and the extension). */
export const COURT_FILE_EXTENSIONS = ['.xlsx', '.xls', '.csv']

export function isCourtFile(name: string): boolean {
  const lower = name.toLowerCase()
  return COURT_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext))
}

/** Base64 of bytes, in chunks (a spread of a large array overflows the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  const CHUNK = 0x8000
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  }
  return btoa(binary)
}

export async function readFileBase64(file: Blob): Promise<string> {
  return toBase64(new Uint8Array(await file.arrayBuffer()))
}

/**
 * The mapping the dialog sends: every column by its letter (letters are unique; headers may repeat or be empty),
 * `忽略` for a column left out.
 */
export function mappingFromColumns(columns: ColumnMapping[], headerRow?: number): MappingFile {
  const out: MappingFile = { columns: {} }
  for (const c of columns) out.columns[c.letter] = c.field ?? '忽略'
  if (headerRow !== undefined) out.header_row = headerRow
  return out
}

/** Sets `field` on one column; another column that had it loses it (one column per field). */
export function assignField(columns: ColumnMapping[], index: number, field: ImportField | null): ColumnMapping[] {
  return columns.map((c) => {
    if (c.index === index) return { ...c, field, source: 'user' as const }
    if (field !== null && c.field === field) return { ...c, field: null, source: 'user' as const }
    return c
  })
}

/** Errors of a row shown in a column's cell. */
export function cellErrors(row: PreviewRow, column: number): CellError[] {
  return row.errors.filter((e) => e.column === column)
}

/** Errors of a row that belong to no column (shown in the row's 行号 cell). */
export function rowErrors(row: PreviewRow): CellError[] {
  return row.errors.filter((e) => e.column === null)
}
