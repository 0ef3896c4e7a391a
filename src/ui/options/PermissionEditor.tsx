// The permission-string editor: one permission a line, completion in a listbox (arrow
// keys, Enter or Tab to take, Escape to close, Ctrl+Space to open), and live checking with
// the permission grammar: the offending text is underlined in place, and each error is
// also written out below with a caret under its column.
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CSSProperties, TargetedKeyboardEvent } from 'preact';
import type { GrammarContext } from '../../model/permission';
import { acceptSuggestion, completePermission, lineAt, worthShowing } from './PermissionEditor-complete';
import type { CompletionTypes } from './PermissionEditor-complete';
import { checkLines, errorSpan } from './RoleDesigner-model';
import type { CheckedLine } from './RoleDesigner-model';
import './PermissionEditor.css';

export interface PermissionEditorProps {
  readonly id: string;
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly declared: CompletionTypes;
  readonly context: GrammarContext;
  /** Id of the element that labels the editor. */
  readonly labelledBy: string;
}

const PAD = 6; // px, the textarea's padding (kept equal to the backdrop's in PermissionEditor.css)
const LINE = 20; // px, line height

export function PermissionEditor({ id, value, onChange, declared, context, labelledBy }: PermissionEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [focused, setFocused] = useState(false);
  const pendingCaret = useRef<number | null>(null);

  const checked = useMemo(() => checkLines(value, context), [value, context]);
  const errors = checked.filter((l): l is CheckedLine & { error: NonNullable<CheckedLine['error']> } => l.error !== null);
  const lines = value.split('\n');
  // The line being typed at its end is only unfinished: its error is shown quietly.
  const typingLine = focused ? lineAt(value, caret).index : -1;
  const pending = (l: CheckedLine & { error: { position: number } }) => l.index === typingLine && l.error.position > l.text.length;
  const errorByLine = new Map(errors.filter((l) => !pending(l)).map((l) => [l.index, l]));

  const completion = useMemo(() => (open ? completePermission(value, caret, declared) : null), [open, value, caret, declared]);
  const showList = completion !== null && worthShowing(completion, value);
  const suggestions = showList ? completion.suggestions : [];
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;

  useLayoutEffect(() => {
    const el = area.current;
    if (el && pendingCaret.current !== null) {
      el.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  });

  const syncCaret = () => {
    const el = area.current;
    if (el) setCaret(el.selectionStart ?? 0);
  };

  const take = (index: number) => {
    if (!completion) return;
    const s = completion.suggestions[index];
    if (!s) return;
    const next = acceptSuggestion(value, completion, s);
    pendingCaret.current = next.caret;
    setCaret(next.caret);
    setActive(-1);
    // Keep the list open: the next segment's choices follow.
    onChange(next.text);
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      syncCaret();
      setOpen(true);
      setActive(0);
      return;
    }
    if (!showList) return;
    const n = suggestions.length;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % n);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a <= 0 ? n - 1 : a - 1));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      take(active);
    } else if (e.key === 'Tab' && !e.shiftKey) {
      e.preventDefault();
      take(active >= 0 ? active : 0);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };

  const onKeyUp = (e: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key) || (!showList && ['ArrowUp', 'ArrowDown'].includes(e.key))) {
      syncCaret();
      setActive(-1);
    }
  };

  const onScroll = () => {
    const el = area.current;
    if (!el) return;
    setScroll({ top: el.scrollTop, left: el.scrollLeft });
    if (backdrop.current) {
      backdrop.current.scrollTop = el.scrollTop;
      backdrop.current.scrollLeft = el.scrollLeft;
    }
    if (gutter.current) gutter.current.scrollTop = el.scrollTop;
  };

  // Where the list goes: under the caret's line, at the token's column (monospace, no wrapping).
  let listStyle: CSSProperties = {};
  if (showList) {
    const where = lineAt(value, completion.from);
    const charWidth = probe.current ? probe.current.getBoundingClientRect().width / 10 : 8.4;
    const col = completion.from - where.start;
    const areaWidth = area.current?.clientWidth ?? 600;
    const left = Math.max(0, Math.min(PAD + col * charWidth - scroll.left, areaWidth - 260));
    listStyle = { top: `${PAD + (where.index + 1) * LINE - scroll.top + 2}px`, left: `${left}px` };
  }

  const rows = Math.min(14, Math.max(5, lines.length + 1));
  const describedBy = `${id}-help ${id}-errors`;

  return (
    <div class="pe">
      <p id={`${id}-help`} class="muted pe-help">
        One permission a line: <code>RESOURCE:ACTIONS:TYPE:QUALIFIER</code>. Suggestions appear as you type (Ctrl+Space opens them):
        ↑/↓ to choose, Enter or Tab to take, Esc to close.
      </p>
      <div class="pe-frame" style={{ height: `${rows * LINE + 2 * PAD + 2}px` }}>
        <div class="pe-gutter" ref={gutter} aria-hidden="true">
          {lines.map((_, i) => (
            <div key={i} class={errorByLine.has(i) ? 'pe-gutter-bad' : ''}>
              {errorByLine.has(i) ? '!' : ''}
              {i + 1}
            </div>
          ))}
        </div>
        <div class="pe-field">
          <div class="pe-backdrop" ref={backdrop} aria-hidden="true">
            {lines.map((line, i) => {
              const bad = errorByLine.get(i);
              if (!bad) return <div key={i}>{line || ' '}</div>;
              const span = errorSpan(line, bad.error.position);
              return (
                <div key={i}>
                  {line.slice(0, span.start)}
                  <mark class="pe-underline">{span.end > span.start ? line.slice(span.start, span.end) : ' '}</mark>
                  {line.slice(span.end)}
                </div>
              );
            })}
          </div>
          <textarea
            id={id}
            ref={area}
            class="pe-area"
            value={value}
            wrap="off"
            spellcheck={false}
            autocomplete="off"
            aria-labelledby={labelledBy}
            aria-describedby={describedBy}
            aria-autocomplete="list"
            aria-controls={listId}
            aria-expanded={showList}
            aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
            aria-invalid={errors.length > 0}
            onInput={(e) => {
              const el = e.currentTarget;
              setCaret(el.selectionStart ?? 0);
              setOpen(true);
              setActive(-1);
              onChange(el.value);
            }}
            onKeyDown={onKeyDown}
            onKeyUp={onKeyUp}
            onClick={() => {
              syncCaret();
              setActive(-1);
            }}
            onFocus={() => setFocused(true)}
            onBlur={() => {
              setFocused(false);
              setOpen(false);
              setActive(-1);
            }}
            onScroll={onScroll}
          />
          <ul id={listId} role="listbox" aria-label="Suggestions" class="pe-list" hidden={!showList} style={listStyle}>
            {suggestions.map((s, i) => (
              <li
                key={`${s.insert}-${i}`}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                class={i === active ? 'pe-active' : ''}
                onMouseDown={(e) => {
                  e.preventDefault(); // keep the focus in the editor
                  take(i);
                }}
              >
                <span class="pe-label">{s.label}</span>
                <span class="pe-detail">{s.detail}</span>
              </li>
            ))}
          </ul>
        </div>
        <span ref={probe} class="pe-probe" aria-hidden="true">
          MMMMMMMMMM
        </span>
      </div>
      <div id={`${id}-errors`} class="pe-errors" data-testid="permission-errors" aria-live="polite">
        {errors.length === 0 ? (
          <p class="muted pe-ok" data-testid="permission-ok">
            {checked.length === 0 ? 'No permissions yet: the role grants only what it starts from.' : checked.length === 1 ? 'The permission reads correctly.' : `All ${checked.length} permissions read correctly.`}
          </p>
        ) : (
          <ul>
            {errors.map((l) => (
              <li
                key={l.index}
                class={pending(l) ? 'pe-pending' : ''}
                data-testid="permission-error"
                data-pending={pending(l) ? 'true' : undefined}
                data-line={l.index + 1}
                data-position={l.error.position}
              >
                <div>
                  <button
                    type="button"
                    class="pe-goto"
                    onClick={() => {
                      const el = area.current;
                      if (!el) return;
                      const start = value.split('\n').slice(0, l.index).reduce((n, s) => n + s.length + 1, 0) + l.error.position - 1;
                      el.focus();
                      el.setSelectionRange(start, start);
                      setCaret(start);
                    }}
                  >
                    Line {l.index + 1}, column {l.error.position}
                  </button>
                  : <span class="pe-message">{l.error.message}</span>
                </div>
                <pre class="pe-marker" aria-hidden="true">
                  {l.text}
                  {'\n'}
                  {' '.repeat(Math.max(0, l.error.position - 1))}^
                </pre>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
