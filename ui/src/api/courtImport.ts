// Typed wrappers around the 导入法院系统导出 commands (docs/app-commands.md: preview_court_import,
// import_court_file). The file travels as base64; errors are the same AppError with the back end's `code`.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError } from '../api'

import type {
  CellError,
  ColumnMapping,
  CourtImport,
  ImportField,
  ImportLayout,
  ImportPreview,
  MappingFile,
  PreviewRow,
} from '../generated/types'

// The types are generated from andu-store's (../generated/types.ts); the names the import screen knows are given here.
export type { CellError, ColumnMapping, ImportField, ImportLayout, ImportPreview, MappingFile, PreviewRow }
export type CourtImportResult = CourtImport

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
