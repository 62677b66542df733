// The public surface of the intel module (CLI, API, cases and scenario packs use only this).
export { createIntelContext, enrichObservables, lookupObservable, PROVIDER_IDS } from './lookup.ts';
export type { CreateIntelContextOptions, IntelContext, IntelLogEntry, LookupOptions, LookupResult } from './lookup.ts';
export { describeProviders } from './providers.ts';
export type { ProviderDescription } from './providers.ts';
export { detectObservable, refang, INDICATOR_TYPES } from './observable.ts';
export type { Detection, IndicatorType } from './observable.ts';
export type { Artifact, Level, LookupStatus, Observable, ObservableType, ProviderResult, ResultOrigin, Taxonomy } from './types.ts';
export {
  countIndicators,
  deleteIndicatorSource,
  indicatorValues,
  intelPlaceholders,
  IndicatorQueryError,
  queryIndicators,
  upsertIndicators,
} from './indicators.ts';
export type { Indicator, IndicatorCounts, IndicatorFilters, IndicatorInput, IndicatorPage, IndicatorQuery } from './indicators.ts';
export { detectImportFormat, importIndicators, ImportError, IMPORT_FORMATS, parseIndicatorSource } from './import/index.ts';
export type { ImportFormat, ImportOptions, ImportReport } from './import/index.ts';
export type { BadRow } from './import/feed.ts';
export { loadIntelSnapshot, parseIntelSnapshot, SnapshotError } from './snapshot.ts';
export type { IntelSnapshot } from './snapshot.ts';
export { intelConfigPath, loadIntelConfig, writeIntelConfigFile } from './config.ts';
export type { IntelConfig, IntelFileConfig } from './config.ts';
export { clearCache, purgeExpired } from './cache.ts';
export type { Tlp, Pap } from './tlp.ts';
