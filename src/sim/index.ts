/**
 * The simulation library's whole public API. Readers import it in code cells
 * as `"cef"`; widgets, exercises and tests import it as `@sim`.
 */

// ── money ────────────────────────────────────────────────────────────────
export {
  Decimal,
  ZERO,
  ONE,
  toDecimal,
  D,
  usd,
  formatUsd,
  formatExact,
  formatAsset,
  formatPercent,
  sum,
  minDecimal,
  maxDecimal,
} from "./money";
export type { DecimalInput } from "./money";

// ── custody side (issue 3) ───────────────────────────────────────────────
export { exactPlus, DECIMAL_DIGITS } from "./money";
export { Random, fingerprint, RANDOM_TEST_VECTORS, gbmPath, fatTailPath, utf8Encode, PRICE_PATH_DEFAULTS } from "./random";
export type { PricePathOptions, FatTailPathOptions } from "./random";
export { Ledger, InvariantError, EntryRefusedError, LEDGER_DEFAULTS } from "./ledger";
export type {
  AccountKind,
  AccountSpec,
  Account,
  Posting,
  EntryInput,
  RecordedPosting,
  JournalEntry,
  HistoryLine,
  LedgerSnapshot,
  LedgerOptions,
} from "./ledger";
export { Exchange, EXCHANGE_DEFAULTS } from "./exchange";
export type {
  AssetSpec,
  ExchangeOptions,
  EventOptions,
  QueuedWithdrawal,
  WithdrawalResult,
  AssetLine,
  BalanceSheet,
  ExchangeTimelinePoint,
} from "./exchange";
export {
  buildLiabilityTree,
  buildTreeAllowingNegatives,
  verifyInclusion,
  verifyInclusionDetailed,
  verifyInclusionWeak,
  checkCustomer,
  leafHash,
  nodeHash,
  hideNegativeBalance,
  omitCustomer,
  alterBalance,
  proofOfReserves,
  borrowedReserves,
  dummyUserAttack,
  RESERVES_DEFAULTS,
} from "./reserves";
export type {
  LiabilityAccount,
  LiabilityTree,
  InclusionProof,
  ProofStep,
  VerificationReason,
  CustomerCheck,
  CheatedTree,
  ReservesSnapshot,
  MultiAssetAccount,
} from "./reserves";
export { rehypothecationChain, unwindChain, collateralMultiplier, REHYPOTHECATION_DEFAULTS } from "./rehypothecation";
export type { ChainOptions, Chain, Pledge, ChainParty, UnwindOptions, UnwindEvent, UnwindParty, Unwind } from "./rehypothecation";
export { simulateRun, diamondDybvig, diamondDybvigWaitingPayoff, RUN_DEFAULTS } from "./run";
export type { Depositor, RunOptions, RunPoint, RunResult, DiamondDybvigOptions } from "./run";

// ── derivatives side: margin, orderbook, liquidation, cascade, dex (issue 4a) ──
export {
  marginDefaults,
  position,
  notionalUsd,
  unrealizedPnl,
  equityUsd,
  initialMarginUsd,
  maintenanceMarginUsd,
  marginTiers,
  ILLUSTRATIVE_BTC_TIERS,
  tierFor,
  tieredMaintenanceMarginUsd,
  positionMaintenanceMarginUsd,
  isLiquidatable,
  marginRatio,
  effectiveLeverage,
  liquidationPrice,
  bankruptcyPrice,
  crossLiquidationPrice,
  fundingRate,
  fundingPaymentUsd,
} from "./margin";
export type { Side, Position, PositionInput, MarginTier, LiquidationPriceInput, CrossLiquidationPriceInput } from "./margin";
export { orderBookDefaults, OrderBook, createOrderBook, marketOrder } from "./orderbook";
export type { DepthProfile, OrderBookOptions, BookLevel, Fill, MarketOrderResult } from "./orderbook";
export {
  liquidationDefaults,
  adlScore,
  rankForAdl,
  settleLiquidation,
  bankruptcyValueUsd,
  chargeAdl,
  mergeAdlEvents,
  simulateLiquidationEngine,
} from "./liquidation";
export type {
  LossMode,
  AdlEvent,
  AdlRankEntry,
  Settlement,
  Conservation,
  LiquidationEngineInput,
  EngineTick,
  LiquidationRecord,
  LiquidationEngineResult,
} from "./liquidation";
export {
  populationDefaults,
  cascadeDefaults,
  generatePopulation,
  populationFromPositions,
  positionsFromPopulation,
  simulateCascade,
  sweepCascade,
  liquidationThresholds,
  amplificationCurve,
} from "./cascade";
export type { PositionPopulation, PopulationOptions, CascadeInput, CascadeRound, CascadeResult, SweepOptions, AmplificationPoint } from "./cascade";
export { dexDefaults, simulateDex, compareCexDex } from "./dex";
export type { DexOptions, DexInput, DexBlock, KeeperOutcome, DexConservation, DexResult, ComparisonRow, VerifiableItem, CexDexComparison } from "./dex";
export { LENDING_DEFAULTS, healthFactor, closeFactor, liquidationCall, dutchAuctionPrice } from "./lending";
export type { CollateralPosition, LiquidationCallInput, LiquidationCall, DutchAuctionInput } from "./lending";

// ── derivatives side: contagion, settlement, scenarios (issue 4b) ──────────
export {
  contagionDefaults,
  clearingPayments,
  clearingGap,
  simulateContagion,
  venueNetworkDefaults,
  buildVenueNetwork,
} from "./contagion";
export type {
  ClearingMethod,
  ClearingOptions,
  ClearingResult,
  InstitutionKind,
  Institution,
  ContagionNetwork,
  ContagionOptions,
  ContagionRound,
  InstitutionOutcome,
  ContagionResult,
  VenueNetworkParams,
} from "./contagion";
export {
  MINUTES_PER_YEAR,
  settlementDefaults,
  SETTLEMENT_LAYERS,
  normalQuantile,
  settlementExposure,
  settlementCost,
  settlementTradeoff,
  optimalSettlementInterval,
  settlementCurve,
  simulateSettlementExposure,
  compareSettlementLayers,
} from "./settlement";
export type {
  SettlementLayer,
  ExposureParams,
  Exposure,
  CostParams,
  SettlementCost,
  TradeoffParams,
  TradeoffPoint,
  SettlementOptimum,
  SettlementCurve,
  ExposureSimulation,
  LayerComparison,
} from "./settlement";
export {
  FTX_LIKE_DESK,
  MT_GOX_LIKE_CUSTODY_LOSS,
  BLACK_THURSDAY_LIKE,
  RECORD_LIQUIDATION_DAY,
  SCENARIOS,
  getScenario,
  validateScenario,
  factValue,
  runFtxLikeDesk,
  runMtGoxLikeLoss,
  runBlackThursdayLike,
  runRecordLiquidationDay,
  runFtxLikeWithdrawalRun,
} from "./scenarios";
export type {
  SourceRef,
  Confirmation,
  SourcedFigure,
  CustodyParams,
  RunParams,
  PopulationParams,
  BookParams,
  CascadeParams,
  LiquidationParams,
  Scenario,
  CustodySnapshot,
  CustodyRun,
} from "./scenarios";
