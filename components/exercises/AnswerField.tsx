/**
 * The answer control of one exercise, by kind: a text field with its unit
 * (numeric), a radio group or checkboxes in a fieldset (choice), the reader of
 * a widget's live settings (setting), or a code editor (code). Controlled: the
 * island owns the value and does the checking.
 */
import type { AnswerUnit } from "../../src/lib/exercises/types";

/** What the student has entered so far, by kind. */
export type AnswerValue =
  | { kind: "numeric"; text: string }
  | { kind: "choice"; selected: string[] }
  | { kind: "setting"; state?: Record<string, unknown> }
  | { kind: "code"; code: string };

/** How the exercise asks for its answer (the parts of the definition the control needs). */
export type AnswerSpec =
  | { kind: "numeric"; unit: AnswerUnit }
  | { kind: "choice"; multiple: boolean; choices: { id: string; label: string }[] }
  | { kind: "setting"; widget: { id: string; title: string; href: string; placement: "above" | "here" } }
  | { kind: "code" };

/** The unit as a reader sees it beside the field, and what may be typed. */
export const UNIT_TEXT: Record<AnswerUnit, { suffix: string; help: string }> = {
  usd: { suffix: "USD", help: "In dollars: 1250, 1,250.00 or $1.25k all work." },
  percent: { suffix: "%", help: "As a percentage: type 12.5 or 12.5%." },
  btc: { suffix: "BTC", help: "In bitcoin, e.g. 0.25." },
  count: { suffix: "", help: "A whole number." },
  ratio: { suffix: "×", help: "A ratio, e.g. 2.5." },
  plain: { suffix: "", help: "A number, e.g. 1.25 or 1.2e3." },
};

interface Props {
  /** Prefix for element ids, unique on the page. */
  idBase: string;
  spec: AnswerSpec;
  value: AnswerValue;
  onChange: (value: AnswerValue) => void;
  disabled?: boolean;
  /** Id of the guidance message to announce with the field (numeric refusals). */
  describedBy?: string;
  invalid?: boolean;
}

export function AnswerField({ idBase, spec, value, onChange, disabled, describedBy, invalid }: Props) {
  if (spec.kind === "numeric" && value.kind === "numeric") {
    const unit = UNIT_TEXT[spec.unit];
    const inputId = `${idBase}-answer`;
    return (
      <div class="answer-numeric">
        <label for={inputId}>Your answer{unit.suffix ? ` (${unitName(spec.unit)})` : ""}</label>
        <div class="answer-input-row">
          <input
            id={inputId}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellcheck={false}
            value={value.text}
            disabled={disabled}
            aria-invalid={invalid ? "true" : undefined}
            aria-describedby={[`${inputId}-help`, describedBy].filter(Boolean).join(" ")}
            onInput={(event) => onChange({ kind: "numeric", text: (event.currentTarget as HTMLInputElement).value })}
          />
          {unit.suffix && <span class="answer-unit" aria-hidden="true">{unit.suffix}</span>}
        </div>
        <p id={`${inputId}-help`} class="answer-help">{unit.help}</p>
      </div>
    );
  }
  if (spec.kind === "choice" && value.kind === "choice") {
    const type = spec.multiple ? "checkbox" : "radio";
    const toggle = (id: string, checked: boolean) => {
      const selected = spec.multiple
        ? spec.choices.map((c) => c.id).filter((c) => (c === id ? checked : value.selected.includes(c)))
        : [id];
      onChange({ kind: "choice", selected });
    };
    return (
      <fieldset class="answer-choices" disabled={disabled} aria-describedby={describedBy}>
        <legend>{spec.multiple ? "Select all that apply" : "Choose one"}</legend>
        {spec.choices.map((choice) => {
          const id = `${idBase}-choice-${choice.id}`;
          return (
            <div class="answer-choice" key={choice.id}>
              <input
                id={id}
                type={type}
                name={`${idBase}-choice`}
                value={choice.id}
                checked={value.selected.includes(choice.id)}
                onChange={(event) => toggle(choice.id, (event.currentTarget as HTMLInputElement).checked)}
              />
              <label for={id}>{choice.label}</label>
            </div>
          );
        })}
      </fieldset>
    );
  }
  if (spec.kind === "setting" && value.kind === "setting") {
    const { widget } = spec;
    return (
      <div class="answer-setting">
        <p>
          {widget.placement === "above" ? (
            <>Use the <a href={widget.href}>{widget.title}</a> figure above: set its controls there, then come back and submit the widget's settings.</>
          ) : (
            <>Use the <a href={widget.href}>{widget.title}</a> figure above, in this exercise: set its controls, then submit the widget's settings.</>
          )}
        </p>
        {value.state && <SettingsRead widgetId={widget.id} state={value.state} />}
      </div>
    );
  }
  if (spec.kind === "code" && value.kind === "code") {
    const id = `${idBase}-code`;
    return (
      <div class="answer-code">
        <label for={id}>Your code (TypeScript)</label>
        <textarea
          id={id}
          value={value.code}
          disabled={disabled}
          spellcheck={false}
          autoComplete="off"
          autoCapitalize="off"
          rows={Math.min(24, Math.max(8, value.code.split("\n").length + 1))}
          aria-describedby={`${id}-help`}
          onInput={(event) => onChange({ kind: "code", code: (event.currentTarget as HTMLTextAreaElement).value })}
          onKeyDown={(event) => handleEditorKey(event, (code) => onChange({ kind: "code", code }))}
        />
        <p id={`${id}-help`} class="answer-help">
          Tab indents and Shift+Tab removes indent; press Escape, then Tab, to leave the editor. Ctrl+Enter (⌘+Enter) runs the checks.
        </p>
      </div>
    );
  }
  return <p class="exercise-error">This exercise's answer field could not be shown.</p>;
}

function unitName(unit: AnswerUnit): string {
  return { usd: "US dollars", percent: "percent", btc: "bitcoin", count: "", ratio: "times", plain: "" }[unit];
}

/** The widget settings the student submitted, labelled as the widget labels them. */
function SettingsRead({ widgetId, state }: { widgetId: string; state: Record<string, unknown> }) {
  return (
    <div class="answer-setting-read">
      <strong>Settings read from the figure:</strong>
      <ul>
        {Object.entries(state).map(([key, value]) => (
          <li key={key}>{settingLabel(widgetId, key)}: {formatSetting(widgetId, key, value)}</li>
        ))}
      </ul>
    </div>
  );
}

/** The label of a widget control, read from the page (falls back to the parameter's key). */
function settingLabel(widgetId: string, key: string): string {
  const label = typeof document === "undefined" ? null : document.querySelector(`label[for="${CSS.escape(`${widgetId}-${key}`)}"]`);
  const text = label?.firstChild?.textContent?.trim();
  return text || key;
}

/** A setting's value as the widget shows it (slider output, select option text), or the raw value. */
function formatSetting(widgetId: string, key: string, value: unknown): string {
  if (typeof document !== "undefined") {
    const control = document.getElementById(`${widgetId}-${key}`);
    if (control instanceof HTMLSelectElement) {
      const option = [...control.options].find((o) => o.value === String(value));
      if (option) return option.text;
    }
    const output = document.querySelector(`output[for="${CSS.escape(`${widgetId}-${key}`)}"]`);
    if (output?.textContent) return output.textContent;
  }
  if (typeof value === "boolean") return value ? "on" : "off";
  return String(value);
}

/**
 * Reads a widget's current settings from the page: the JSON in
 * `data-widget-state` of `[data-widget-id="<id>"]`. Returns a sentence when
 * the widget is missing or has not started.
 */
export function readWidgetState(widgetId: string): { state: Record<string, unknown> } | { problem: string } {
  const root = document.querySelector(`[data-widget-id="${CSS.escape(widgetId)}"]`);
  if (!root) return { problem: "The figure is not on this page, or it has not started yet: scroll to it, wait a moment, and try again." };
  if (root.closest("astro-island[ssr]")) return { problem: "The figure has not started yet: scroll to it so it loads, set its controls, then submit again." };
  try {
    const state = JSON.parse(root.getAttribute("data-widget-state") ?? "");
    if (state && typeof state === "object" && !Array.isArray(state)) return { state };
  } catch {
    // fall through to the message below
  }
  return { problem: "The figure's settings could not be read. Reload the page and set them again." };
}

/** Tab / Shift+Tab indentation in a textarea; Escape lets the next Tab leave it (no keyboard trap). */
const escaped = new WeakSet<EventTarget>();
function handleEditorKey(event: KeyboardEvent, set: (code: string) => void) {
  const area = event.currentTarget as HTMLTextAreaElement;
  if (event.key === "Escape") {
    escaped.add(area);
    return;
  }
  if (event.key !== "Tab" || event.ctrlKey || event.altKey || event.metaKey) {
    escaped.delete(area);
    return;
  }
  if (escaped.has(area)) {
    escaped.delete(area);
    return; // the browser moves focus on
  }
  event.preventDefault();
  const { selectionStart: start, selectionEnd: end, value } = area;
  const lineStart = value.lastIndexOf("\n", start - 1) + 1;
  if (!event.shiftKey && start === end) {
    const next = `${value.slice(0, start)}  ${value.slice(end)}`;
    area.value = next;
    area.selectionStart = area.selectionEnd = start + 2;
    set(next);
    return;
  }
  const blockEnd = value.indexOf("\n", end - (end > start && value[end - 1] === "\n" ? 1 : 0));
  const stop = blockEnd === -1 ? value.length : blockEnd;
  const lines = value.slice(lineStart, stop).split("\n");
  const changed = lines.map((line) => (event.shiftKey ? line.replace(/^ {1,2}/, "") : `  ${line}`));
  const next = value.slice(0, lineStart) + changed.join("\n") + value.slice(stop);
  const firstDelta = changed[0]!.length - lines[0]!.length;
  const totalDelta = next.length - value.length;
  area.value = next;
  area.selectionStart = Math.max(lineStart, start + firstDelta);
  area.selectionEnd = end + totalDelta;
  set(next);
}
