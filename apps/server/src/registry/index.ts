/** The owner-list import (业主清册) and the registry export: the public pieces. */
export { ImportJobs, importOwnerList, runImport, loadValidationContext, type ImportInput, type ImportResult } from './import-jobs';
export { parseOwnerList, cellToText, decodeText, fileFormat, MAX_ROWS, type ParsedOwnerList, type ParsedRow, type ParseOptions } from './parse';
export {
  validateOwnerList, validateOwnerListAsync, parseAreaCents, parseFloor, normalizePhone, normalizeName, normalizeUnitNumber, BUILDER_KEY, DEFAULT_BUILDER_NAME,
  type ValidationContext, type ValidationResult, type ImportPlan, type PlanUnit, type PlanHolder, type PlanOwner, type CurrentHolder,
} from './validate';
export { applyImport, BATCH, type ImportSummary, type ImportDetails, type ApplyInput } from './apply';
export {
  buildTemplate, writeOwnerListXlsx, writeOwnerListCsv, generateOwnerList, creditCodeWithCheck, rowToCells, COLUMNS, HEADERS, OWNER_LIST_SHEET,
  INSTRUCTIONS_SHEET, UNIT_KIND_LABELS, AREA_SOURCE_LABELS, HOLDER_KIND_LABELS, TEMPLATE_EXAMPLES,
  type OwnerListRow, type OwnerListCells, type ColumnKey, type ColumnSpec, type GenerateOptions,
} from './template';
export { exportRegistryXlsx, HOLDERS_SHEET, SUMMARY_SHEET } from './export';
export { importErrorCatalog, type ImportErrorCode } from './messages';
