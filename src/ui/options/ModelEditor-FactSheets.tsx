// Fact sheets: find one by name, then edit its subscribers (type and subscription roles)
// and its relations (targets, or "leave empty").
import { useState } from 'preact/hooks';
import type { FactSheet, LeanixPolicy } from '../../model/schema';
import { replaceAt, searchFactSheets } from './ModelEditor-model';
import { BlockErrors } from './ModelEditor-parts';
import type { SectionProps } from './ModelEditor-parts';
import { SheetRelations } from './ModelEditor-SheetRelations';
import { SheetSubscriptions } from './ModelEditor-SheetSubscriptions';

export function FactSheets({ policy, onChange, errors }: SectionProps<LeanixPolicy>) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const found = searchFactSheets(policy.factSheets, query);
  const index = chosen === null ? -1 : policy.factSheets.findIndex((f) => f.id === chosen);
  const sheet = index >= 0 ? policy.factSheets[index]! : null;
  const setSheet = (next: FactSheet) => onChange({ ...policy, factSheets: replaceAt(policy.factSheets, index, next) });

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
        {found.map((f) => (
          <li key={f.id}>
            <button type="button" aria-pressed={f.id === chosen} onClick={() => setChosen(f.id)}>
              {f.name || f.id} <span class="muted">· {f.type} · {f.lxState}</span>
            </button>
          </li>
        ))}
      </ul>
      {sheet === null ? (
        <p class="muted">{policy.factSheets.length ? 'Type part of a name, then pick the fact sheet.' : 'The workspace has no fact sheets.'}</p>
      ) : (
        <div class="panel me-sheet" data-testid="chosen-fact-sheet">
          <h3>
            {sheet.name || sheet.id} <span class="muted">({sheet.type}, {sheet.lxState}, id {sheet.id})</span>
          </h3>
          <SheetSubscriptions key={`s-${sheet.id}`} policy={policy} sheet={sheet} onChange={setSheet} />
          <SheetRelations key={`r-${sheet.id}`} type={policy.factSheetTypes.find((t) => t.name === sheet.type)} sheet={sheet} onChange={setSheet} />
          <BlockErrors errors={errors} prefix={`factSheets[${index}]`} />
        </div>
      )}
    </section>
  );
}
