/**
 * Widget parameters mirrored in the query string: `?w.cascade.leverage=20`.
 * Parsing never throws: a malformed or out-of-range value falls back to the
 * default (or is clamped) and the reason is returned as a notice the widget
 * shows. Serialising writes only the values that differ from the defaults, so
 * a shared link stays short and other widgets' parameters are kept.
 */

/** A numeric parameter: a slider or a number field. */
export interface NumberParam {
  kind: "number";
  label: string;
  default: number;
  min: number;
  max: number;
  step: number;
  /** Shown after the value: "%", "×", "USD", "BTC" … */
  unit?: string;
  /** Display scale: a stored 0.1 with `displayScale` 100 shows as 10 (for percentages). */
  displayScale?: number;
  help?: string;
}

/** An on/off parameter. */
export interface BooleanParam {
  kind: "boolean";
  label: string;
  default: boolean;
  help?: string;
}

/** One of a fixed list of values. */
export interface ChoiceParam {
  kind: "choice";
  label: string;
  default: string;
  options: { value: string; label: string }[];
  help?: string;
}

export type ParamSpec = NumberParam | BooleanParam | ChoiceParam;
export type ParamSpecs = Record<string, ParamSpec>;

/** The value type each spec yields. */
export type ParamValues<S extends ParamSpecs> = {
  [K in keyof S]: S[K]["kind"] extends "number" ? number : S[K]["kind"] extends "boolean" ? boolean : S[K]["kind"] extends "choice" ? string : number | boolean | string;
};

/** The defaults of a spec. */
export function defaultValues<S extends ParamSpecs>(specs: S): ParamValues<S> {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) values[key] = spec.default;
  return values as ParamValues<S>;
}

/** Snaps a number onto the spec's grid (min + k·step) and into [min, max], without float dust. */
export function snapToStep(value: number, spec: NumberParam): number {
  const clamped = Math.min(spec.max, Math.max(spec.min, value));
  const steps = Math.round((clamped - spec.min) / spec.step);
  const decimals = Math.max(decimalPlaces(spec.step), decimalPlaces(spec.min));
  const snapped = Number((spec.min + steps * spec.step).toFixed(decimals));
  return Math.min(spec.max, Math.max(spec.min, snapped));
}

function decimalPlaces(value: number): number {
  const text = String(value);
  if (text.includes("e-")) return Number(text.split("e-")[1]);
  return text.includes(".") ? text.split(".")[1]!.length : 0;
}

/** Formats a number parameter for display, using its display scale and unit. */
export function formatParam(value: number, spec: NumberParam): string {
  const scale = spec.displayScale ?? 1;
  const shown = Number((value * scale).toFixed(Math.max(0, decimalPlaces(spec.step * scale))));
  const text = shown.toLocaleString("en-US", { maximumFractionDigits: 6 });
  if (!spec.unit) return text;
  return spec.unit === "%" || spec.unit === "×" ? `${text}${spec.unit}` : `${text} ${spec.unit}`;
}

/**
 * Checks one value against its spec. Returns the value to use and, when the
 * input was refused or changed, a sentence saying why.
 */
export function coerceParam(spec: ParamSpec, raw: unknown): { value: number | boolean | string; notice?: string } {
  if (spec.kind === "number") {
    const number = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
    if (!Number.isFinite(number)) {
      return { value: spec.default, notice: `${spec.label}: “${String(raw)}” is not a number, so the default ${formatParam(spec.default, spec)} is used.` };
    }
    const snapped = snapToStep(number, spec);
    if (number < spec.min || number > spec.max) {
      return {
        value: snapped,
        notice: `${spec.label} must be between ${formatParam(spec.min, spec)} and ${formatParam(spec.max, spec)}; ${formatParam(number, spec)} was set to ${formatParam(snapped, spec)}.`,
      };
    }
    return { value: snapped };
  }
  if (spec.kind === "boolean") {
    if (raw === true || raw === "1" || raw === "true" || raw === "on") return { value: true };
    if (raw === false || raw === "0" || raw === "false" || raw === "off") return { value: false };
    return { value: spec.default, notice: `${spec.label}: “${String(raw)}” is not on or off, so the default (${spec.default ? "on" : "off"}) is used.` };
  }
  const match = spec.options.find((option) => option.value === raw);
  if (match) return { value: match.value };
  const fallback = spec.options.find((option) => option.value === spec.default)?.label ?? spec.default;
  return { value: spec.default, notice: `${spec.label}: “${String(raw)}” is not one of the choices, so “${fallback}” is used.` };
}

/** The query-string key of a widget parameter. */
export function paramKey(widgetId: string, key: string): string {
  return `w.${widgetId}.${key}`;
}

/**
 * Reads a widget's parameters from a query string. Never throws; unknown keys
 * of this widget are reported, other widgets' keys are ignored.
 */
export function parseParams<S extends ParamSpecs>(
  specs: S,
  search: string,
  widgetId: string,
): { values: ParamValues<S>; notices: string[]; fromUrl: boolean } {
  const values = defaultValues(specs) as Record<string, unknown>;
  const notices: string[] = [];
  let query: URLSearchParams;
  try {
    query = new URLSearchParams(search);
  } catch {
    return { values: values as ParamValues<S>, notices: ["The link's parameters could not be read, so the defaults are shown."], fromUrl: false };
  }
  const prefix = `w.${widgetId}.`;
  let fromUrl = false;
  for (const [rawKey, rawValue] of query) {
    if (!rawKey.startsWith(prefix)) continue;
    const key = rawKey.slice(prefix.length);
    const spec = Object.prototype.hasOwnProperty.call(specs, key) ? specs[key] : undefined;
    if (!spec) {
      notices.push(`The link sets “${key}”, which this figure does not have; it was ignored.`);
      continue;
    }
    fromUrl = true;
    const { value, notice } = coerceParam(spec, rawValue);
    values[key] = value;
    if (notice) notices.push(notice);
  }
  return { values: values as ParamValues<S>, notices, fromUrl };
}

/**
 * Writes a widget's parameters into a query string, keeping every other key.
 * Values equal to the default are removed, so a default widget leaves no trace.
 */
export function serializeParams<S extends ParamSpecs>(specs: S, values: ParamValues<S>, widgetId: string, search = ""): string {
  const query = new URLSearchParams(search);
  for (const [key, spec] of Object.entries(specs)) {
    const value = (values as Record<string, unknown>)[key];
    const name = paramKey(widgetId, key);
    if (value === spec.default || value === undefined) {
      query.delete(name);
    } else if (spec.kind === "boolean") {
      query.set(name, value ? "1" : "0");
    } else {
      query.set(name, String(value));
    }
  }
  const text = query.toString();
  return text === "" ? "" : `?${text}`;
}
