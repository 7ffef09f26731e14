// Typed wrappers around the 导入法院系统导出 commands (docs/app-commands.md: preview_court_import,
// import_court_file). The file travels as base64; errors are the same AppError with the back end's `code`.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError, type FieldError } from '../api'

/** The fields a source column can fill (ids as in assets/import/columns.toml). */
export const IMPORT_FIELDS = [
  'case_no',
  'cause',
  'procedure',
  'filed',
  'judge',
  'presiding',
  'panel',
  'assistant',
  'clerk',
  'division',
  'court',
  'status',
  'parties',
  'active',
  'passive',
  'third_party',
  'closed',
  'closing_method',
  'note',
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

export interface ColumnMapping {
  index: number
  letter: string
  header: string
  field: ImportField | null
  source: 'synonym' | 'saved' | 'user' | 'none'
  note?: string
}

export interface ImportLayout {
  format: 'xlsx' | 'xls' | 'csv'
  encoding?: string
  header_rows: number[]
  columns: ColumnMapping[]
  missing: ImportField[]
  court_code?: string
  saved_mapping?: string
}

export interface CellError {
  /** 0-based column index; null: the row as a whole. */
  column: number | null
  field: string
  code: string
  message: string
}

export interface PreviewRow {
  line: number
  cells: Record<string, string>
  errors: CellError[]
}

export interface ImportPreview {
  layout: ImportLayout
  rows: PreviewRow[]
  total: number
  invalid: number
  ignored: [number, string][]
  mapping_toml: string
}

/** `{ columns: { header or letter: field id | "忽略" } }`, as `andu import --mapping` reads it. */
export interface MappingFile {
  header_row?: number
  columns: Record<string, string>
}

export interface CourtImportResult {
  created: number
  updated: number
  unchanged: number
  skipped: { line: number; case_no: string; errors: FieldError[]; columns?: Record<string, string> }[]
  saved_for: string | null
}

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  if (!isTauri()) throw new AppError(NO_BACKEND, '请在案牍桌面程序中打开')
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw normalizeError(e)
  }
}

export const courtImportApi = {
  preview: (name: string, data: string, mapping?: MappingFile) =>
    call<ImportPreview>('preview_court_import', { name, data, mapping: mapping ?? null }),
  importFile: (name: string, data: string, mapping: MappingFile, skipInvalid: boolean, saveMapping: boolean) =>
    call<CourtImportResult>('import_court_file', { name, data, mapping, skipInvalid, saveMapping }),
}
