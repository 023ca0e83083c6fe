export * from './suppressions-csv';
