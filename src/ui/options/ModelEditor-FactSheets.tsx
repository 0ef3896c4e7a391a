// Fact sheets: find one by name (or pick from the first ones), add one, and edit the
// chosen one: its name, type, seal state and approval time, values, ACLs, subscribers
// (type and subscription roles) and relations (targets, or "leave empty"). A fact sheet
// that scenarios act on is not deleted: the refusal names each scenario.
import { useState } from 'preact/hooks';
import type { FactSheet, LeanixPolicy } from '../../model/schema';
import { OptionList } from '../components/OptionList';
import { errorsAt, removeAt, replaceAt, searchFactSheets } from './ModelEditor-model';
import { newSheet, newSheetProblem, sheetReferences, sheetTargetedBy } from './ModelEditor-refs';
import type { Reference } from './ModelEditor-refs';
import { AddForm, BlockErrors, DeleteRefused } from './ModelEditor-parts';
import type { SectionProps } from './ModelEditor-parts';
import { SheetBasics } from './ModelEditor-SheetBasics';
import { SheetRelations } from './ModelEditor-SheetRelations';
import { SheetSubscriptions } from './ModelEditor-SheetSubscriptions';

/** How many fact sheets are listed before anything is typed. */
const FIRST = 20;

export function FactSheets({ policy, onChange, errors }: SectionProps<LeanixPolicy>) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [newId, setNewId] = useState('');
  const [newType, setNewType] = useState('');
  const [newName, setNewName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ id: string; refs: Reference[] } | null>(null);
  const found = query.trim() ? searchFactSheets(policy.factSheets, query) : policy.factSheets.slice(0, FIRST);
  const index = chosen === null ? -1 : policy.factSheets.findIndex((f) => f.id === chosen);
  const sheet = index >= 0 ? policy.factSheets[index]! : null;
  const setSheet = (next: FactSheet) => onChange({ ...policy, factSheets: replaceAt(policy.factSheets, index, next) });
  const typeNames = policy.factSheetTypes.map((t) => t.name);
  const type = typeNames.includes(newType) ? newType : (typeNames[0] ?? '');
  const withErrors = (i: number) => errorsAt(errors, `factSheets[${i}]`).length;

  const add = () => {
    const why = newSheetProblem(policy, newId, type);
    if (why) return setProblem(why);
    setProblem(null);
    onChange({ ...policy, factSheets: [...policy.factSheets, newSheet(policy, newId, type, newName.trim() || newId)] });
    setChosen(newId);
    setNewId('');
    setNewName('');
  };
  const remove = (target: FactSheet, i: number) => {
    const refs = sheetReferences(policy, target.id);
    if (refs.length) return setRefused({ id: target.id, refs });
    setRefused(null);
    setChosen(null);
    onChange({ ...policy, factSheets: removeAt(policy.factSheets, i) });
  };

  return (
    <section aria-labelledby="me-sheets-h">
      <h2 id="me-sheets-h">Fact sheets</h2>
      <p class="muted me-note">
        When a seal breaks, the fact sheet's responsible and accountable subscribers are notified; those of them whose standard role is not
        VIEWER hold the seal permission on it. Relations and subscriptions count for what the type makes mandatory.
      </p>
      <label for="me-subs-find">Find a fact sheet by name</label>
      <input
        id="me-subs-find"
        type="search"
        value={query}
        placeholder="e.g. Web shop"
        autocomplete="off"
        aria-controls="me-subs-results"
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <ul id="me-subs-results" class="me-results" aria-label="Matching fact sheets" data-testid="fact-sheet-results">
        {query.trim() && found.length === 0 ? <li class="muted">No fact sheet matches “{query}”.</li> : null}
        {found.map((f) => {
          const i = policy.factSheets.indexOf(f);
          const n = withErrors(i);
          return (
            <li key={f.id}>
              <button type="button" aria-pressed={f.id === chosen} onClick={() => setChosen(f.id)}>
                {f.name || f.id} <span class="muted">· {f.type} · {f.lxState}</span>
                {n ? <span class="me-error-count"> · {n === 1 ? '1 error' : `${n} errors`}</span> : null}
              </button>
            </li>
          );
        })}
        {!query.trim() && policy.factSheets.length > FIRST ? <li class="muted">{`The first ${FIRST} of ${policy.factSheets.length.toLocaleString('en-US')}; type part of a name to find the others.`}</li> : null}
      </ul>

      <AddForm label="Add a fact sheet" onAdd={add} problem={problem}>
        <label for="me-sheet-new-id" style={{ margin: 0 }}>
          New fact sheet id
        </label>
        <input id="me-sheet-new-id" value={newId} size={12} autocomplete="off" spellcheck={false} placeholder="e.g. app-crm" onInput={(e) => setNewId(e.currentTarget.value)} />
        <label for="me-sheet-new-type" style={{ margin: 0 }}>
          of type
        </label>
        <select id="me-sheet-new-type" value={type} disabled={!typeNames.length} onChange={(e) => setNewType(e.currentTarget.value)}>
          {typeNames.length ? null : <option value="">no types yet</option>}
          <OptionList values={typeNames} />
        </select>
        <label for="me-sheet-new-name" style={{ margin: 0 }}>
          named
        </label>
        <input id="me-sheet-new-name" value={newName} size={14} autocomplete="off" placeholder="e.g. CRM" onInput={(e) => setNewName(e.currentTarget.value)} />
        <button type="submit">Add fact sheet</button>
      </AddForm>

      {sheet === null ? (
        <p class="muted">
          {policy.factSheets.length ? 'Pick a fact sheet above to edit it.' : typeNames.length ? 'The workspace has no fact sheets: add the first one above.' : 'Add a fact sheet type first (Fact sheet types), then its fact sheets here.'}
        </p>
      ) : (
        <div class="panel me-sheet" data-testid="chosen-fact-sheet">
          <div class="row" style={{ justifyContent: 'space-between' }}>
            <h3>
              {sheet.name || sheet.id} <span class="muted">({sheet.type}, {sheet.lxState}, id {sheet.id})</span>
            </h3>
            <button type="button" class="danger" aria-label={`Delete fact sheet ${sheet.id}`} onClick={() => remove(sheet, index)}>
              Delete
            </button>
          </div>
          {refused && refused.id === sheet.id ? (
            <DeleteRefused
              testId="sheet-delete-refused"
              message={`${sheet.id} is not deleted: ${refused.refs.length === 1 ? 'a scenario acts' : `${refused.refs.length} scenarios act`} on it. Change or remove ${refused.refs.length === 1 ? 'it' : 'them'} first.`}
              refs={refused.refs}
            />
          ) : null}
          <TargetedNote refs={sheetTargetedBy(policy, sheet.id)} />
          <SheetBasics key={`b-${sheet.id}`} policy={policy} sheet={sheet} index={index} errors={errors} onChange={setSheet} />
          <SheetSubscriptions key={`s-${sheet.id}`} policy={policy} sheet={sheet} onChange={setSheet} />
          <SheetRelations key={`r-${sheet.id}`} type={policy.factSheetTypes.find((t) => t.name === sheet.type)} sheet={sheet} onChange={setSheet} />
          <BlockErrors errors={errors} prefix={`factSheets[${index}]`} />
        </div>
      )}
    </section>
  );
}

function TargetedNote({ refs }: { refs: readonly Reference[] }) {
  if (!refs.length) return null;
  return <p class="muted me-note">{`Related from ${refs.map((r) => r.what.replace(/ relates to it by .*/, '')).join(', ')}.`}</p>;
}
