/**
 * Lazy loaders of every widget model, by widget id. The island imports only
 * this map; each model (and with it the simulation library) is a separate
 * chunk fetched on the reader's first interaction.
 */
import type { WidgetModel } from "../../../src/lib/widget";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = WidgetModel<any, any>;

export const widgetLoaders: Record<string, () => Promise<{ default: AnyModel }>> = {
  xray: () => import("../xray/model"),
  commingling: () => import("../commingling/model"),
  run: () => import("../run/model"),
  cascade: () => import("../cascade/model"),
  liquidation: () => import("../liquidation/model"),
  contagion: () => import("../contagion/model"),
  settlement: () => import("../settlement/model"),
  rehypothecation: () => import("../rehypothecation/model"),
  reserves: () => import("../reserves/model"),
  cexdex: () => import("../cexdex/model"),
  cases: () => import("../cases/model"),
};
