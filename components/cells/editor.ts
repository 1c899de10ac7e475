/**
 * The code editor of a cell: CodeMirror 6 with TypeScript syntax, loaded only
 * when the reader presses "Edit & run" (this module is imported dynamically).
 * Mod-Enter runs; Tab is left to move focus, so the editor never traps the
 * keyboard. Colours come from CSS variables, so both themes work.
 *
 * The extensions are `basicSetup` without autocompletion, search, folding and
 * the lint keymap: cells are short, and leaving those out saves about 28 KB
 * gzip of what "Edit & run" loads.
 */
import {
  EditorView,
  Decoration,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  type DecorationSet,
} from "@codemirror/view";
import { EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import { HighlightStyle, bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { javascript } from "@codemirror/lang-javascript";
import { tags } from "@lezer/highlight";

export interface CellEditor {
  /** The code now in the editor. */
  getCode(): string;
  /** Replaces the whole code (Reset, an example, a shared link). */
  setCode(code: string): void;
  /** Marks the line an error points at (1-based); `undefined` clears it. */
  markLine(line: number | undefined): void;
  focus(): void;
  destroy(): void;
}

export interface EditorOptions {
  code: string;
  /** The editor's accessible name. */
  label: string;
  /** Called on Mod-Enter. */
  onRun: () => void;
  onChange?: (code: string) => void;
}

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword, tags.operatorKeyword], color: "var(--cell-syntax-keyword)" },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: "var(--cell-syntax-string)" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: "var(--cell-syntax-number)" },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: "var(--cell-syntax-comment)", fontStyle: "italic" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: "var(--cell-syntax-function)" },
  { tag: [tags.typeName, tags.className, tags.definition(tags.typeName)], color: "var(--cell-syntax-type)" },
  { tag: tags.invalid, color: "var(--bad)" },
]);

const theme = EditorView.theme({
  "&": { backgroundColor: "var(--bg-code)", color: "var(--fg)", fontSize: "0.8rem" },
  ".cm-content": { fontFamily: "var(--mono)", caretColor: "var(--fg)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.5" },
  ".cm-gutters": { backgroundColor: "var(--bg-soft)", color: "var(--fg-soft)", borderRight: "1px solid var(--rule)" },
  ".cm-activeLine": { backgroundColor: "color-mix(in srgb, var(--accent-soft) 45%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--accent-soft)", color: "var(--fg)" },
  "&.cm-focused": { outline: "none" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused .cm-selectionBackground, ::selection, .cm-selectionBackground": { backgroundColor: "color-mix(in srgb, var(--focus) 30%, transparent) !important" },
  ".cm-error-line": { backgroundColor: "color-mix(in srgb, var(--bad) 16%, transparent)" },
  ".cm-tooltip": { backgroundColor: "var(--bg)", color: "var(--fg)", border: "1px solid var(--rule)" },
  ".cm-panels": { backgroundColor: "var(--bg-soft)", color: "var(--fg)" },
});

const setErrorLine = StateEffect.define<number | undefined>();
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    let next = transaction.docChanged ? Decoration.none : decorations;
    for (const effect of transaction.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      next = Decoration.none;
      if (line !== undefined && line >= 1 && line <= transaction.state.doc.lines) {
        next = Decoration.set([Decoration.line({ class: "cm-error-line" }).range(transaction.state.doc.line(line).from)]);
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Mounts an editor in `parent`. */
export function createEditor(parent: HTMLElement, options: EditorOptions): CellEditor {
  /** True while the code is replaced from outside (Reset, an example): that is no edit by the reader. */
  let replacing = false;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.code,
      extensions: [
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (options.onRun(), true) }])),
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
        javascript({ typescript: true }),
        syntaxHighlighting(highlight),
        theme,
        errorLine,
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": options.label, spellcheck: "false", autocapitalize: "off", autocorrect: "off" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !replacing) options.onChange?.(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      replacing = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code }, effects: setErrorLine.of(undefined) });
      } finally {
        replacing = false;
      }
    },
    markLine(line) {
      view.dispatch({ effects: setErrorLine.of(line) });
      if (line !== undefined && line >= 1 && line <= view.state.doc.lines) {
        view.dispatch({ effects: EditorView.scrollIntoView(view.state.doc.line(line).from, { y: "nearest" }) });
      }
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
