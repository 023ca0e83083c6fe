export * from './suppressions-csv';
export { suppressionsImportCsv } from './suppressions-import';
