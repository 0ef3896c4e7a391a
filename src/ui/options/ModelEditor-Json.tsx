// The raw JSON view of the model: CodeMirror 6 with JSON, Sealcheck's own validator's
// errors as inline diagnostics, and completion of keys and values from the policy
// file's JSON Schema. Loaded on demand (a dynamic import from ModelEditor.tsx) so that
// neither the popup nor the playground's first paint carries CodeMirror. No eval:
// CodeMirror needs none, and the extension's CSP stays as it is.
import { useEffect, useRef } from 'preact/hooks';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { HighlightStyle, bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import type { Diagnostic } from '@codemirror/lint';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { tags } from '@lezer/highlight';
import { parseTree } from 'jsonc-parser';
import type { PolicyError } from '../../policy/errors';
import schemaJson from '../../../sealcheck-policy.schema.json';
import { completionsAt, rangeOfError } from './ModelEditor-json';
import type { JsonSchema } from './ModelEditor-json';

const schema = schemaJson as unknown as JsonSchema;
/** Marks the editor's own replace of its text with the forms' text: not an edit to report. */
const fromForms = Annotation.define<boolean>();

export interface JsonViewProps {
  /** The text the forms stand for. When it changes and `own` is false, it replaces the editor's text. */
  readonly text: string;
  /** The forms' model came from this editor's text: keep what the user typed. */
  readonly own: boolean;
  /** Located errors to show inline (of the editor's text, or of a refused save). */
  readonly errors: readonly PolicyError[];
  /** Every edit of the text, as typed. */
  readonly onEdit: (text: string) => void;
  readonly label: string;
}

/** The colours of the page's theme, light and dark alike (CSS variables of theme.css). */
const theme = EditorView.theme({
  '&': { color: 'var(--fg)', backgroundColor: 'var(--bg)', border: '1px solid var(--line)', borderRadius: '6px', fontSize: '0.85rem', height: '100%' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '1px' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', caretColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--line)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 8%, transparent)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': { backgroundColor: 'color-mix(in srgb, var(--accent) 30%, transparent) !important' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--line)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--on-accent)' },
  '.cm-completionInfo': { maxWidth: '28em', whiteSpace: 'normal' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--denied)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--denied)', textUnderlineOffset: '3px' },
});

const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--accent)' },
  { tag: tags.string, color: 'var(--kept)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--breaks)' },
  { tag: tags.invalid, color: 'var(--denied)' },
]);

function schemaCompletion(context: CompletionContext): CompletionResult | null {
  const text = context.state.doc.toString();
  const found = completionsAt(schema, text, context.pos);
  if (!found) return null;
  // offered on request (Ctrl-Space) anywhere, by itself only where a key or value is being typed
  if (!context.explicit && found.from === found.to && !/["\w]$/.test(text.slice(0, context.pos))) return null;
  // a key typed after its opening quote is matched without the quote (CodeMirror filters by the text from `from`)
  const quoted = found.kind === 'key' && text[found.from] === '"';
  return {
    from: quoted ? found.from + 1 : found.from,
    to: found.to,
    options: found.options.map((o) => ({
      label: o.label,
      apply: quoted ? o.apply.slice(1) : o.apply,
      detail: o.detail,
      info: o.info,
      type: found.kind === 'key' ? 'property' : 'constant',
    })),
    filter: true,
  };
}

function diagnosticsOf(text: string, errors: readonly PolicyError[]): Diagnostic[] {
  const root = parseTree(text);
  return errors.map((e) => {
    const r = rangeOfError(text, e, root);
    return { from: Math.min(r.from, text.length), to: Math.min(Math.max(r.to, r.from), text.length), severity: 'error', message: e.path ? `${e.path}: ${e.message}` : e.message, source: 'sealcheck' };
  });
}

export function JsonView({ text, own, errors, onEdit, label }: JsonViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onEditRef = useRef(onEdit);
  onEditRef.current = onEdit;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          history(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          json(),
          syntaxHighlighting(highlight),
          lintGutter(),
          autocompletion({ override: [schemaCompletion], activateOnTyping: true }),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
          theme,
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'json-editor' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && u.transactions.some((t) => t.docChanged && !t.annotation(fromForms))) {
              onEditRef.current(u.state.doc.toString());
            }
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  // forms → text: a change the editor did not make replaces its text
  useEffect(() => {
    const v = view.current;
    if (!v || own) return;
    const current = v.state.doc.toString();
    if (current !== text) v.dispatch({ changes: { from: 0, to: current.length, insert: text }, annotations: fromForms.of(true) });
  }, [text, own]);

  // the validator's errors, inline
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch(setDiagnostics(v.state, diagnosticsOf(v.state.doc.toString(), errors)));
  }, [errors, text]);

  return <div ref={host} class="me-json-editor" />;
}
