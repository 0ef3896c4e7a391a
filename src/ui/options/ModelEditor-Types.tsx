// Fact sheet types: attributes, relations, what is mandatory, and the quality seal
// settings with the seal exemptions. Each type is one group of forms. Types are added
// here, renamed (every reference follows) and deleted (refused, with every place that
// still refers to the type, while anything does).
import { useState } from 'preact/hooks';
import type { FactSheetType, LeanixPolicy } from '../../model/schema';
import { ChipsInput } from '../components/ChipsInput';
import { removeAt, replaceAt, withShape } from './ModelEditor-model';
import { newType, newTypeProblem, renameType, typeDeleteProblem, typeRenameProblem } from './ModelEditor-refs';
import type { Reference } from './ModelEditor-refs';
import { Mandatory } from './ModelEditor-Mandatory';
import { AddForm, BlockErrors, DeleteRefused } from './ModelEditor-parts';
import type { SectionProps } from './ModelEditor-parts';
import { QualitySeal } from './ModelEditor-Seal';

export function Types({ policy, onChange, errors }: SectionProps<LeanixPolicy>) {
  const [newName, setNewName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const setType = (i: number, type: FactSheetType) => onChange({ ...policy, factSheetTypes: replaceAt(policy.factSheetTypes, i, type) });

  const add = () => {
    const why = newTypeProblem(policy, newName);
    if (why) return setProblem(why);
    setProblem(null);
    onChange({ ...policy, factSheetTypes: [...policy.factSheetTypes, newType(newName)] });
    setNewName('');
  };

  return (
    <section aria-labelledby="me-types-h">
      <h2 id="me-types-h">Fact sheet types</h2>
      {policy.factSheetTypes.length === 0 ? <p class="muted">The workspace declares no fact sheet types yet: add the first one below, e.g. Application.</p> : null}
      {policy.factSheetTypes.map((t, i) => {
        const base = `me-type-${i}`;
        const set = (type: FactSheetType) => setType(i, type);
        return (
          <fieldset key={`${i}-${t.name}`} class="me-type" data-testid={`type-${t.name}`}>
            <legend>{t.name}</legend>
            <TypeActions policy={policy} index={i} onChange={onChange} />
            <div class="me-type-grid">
              <div>
                <div class="me-caption" id={`${base}-fields`}>
                  Attributes
                </div>
                <ChipsInput id={`${base}-f`} noun={`attribute of ${t.name}`} values={t.fields} onChange={(fields) => set(withShape(t, { fields }))} />
                <div class="me-caption">Relations</div>
                <ChipsInput id={`${base}-r`} noun={`relation of ${t.name}`} values={t.relations} onChange={(relations) => set(withShape(t, { relations }))} />
              </div>
              <Mandatory type={t} base={base} roles={policy.subscriptionRoles} onChange={set} />
              <QualitySeal type={t} base={base} onChange={set} />
            </div>
            <BlockErrors errors={errors} prefix={`factSheetTypes[${i}]`} />
          </fieldset>
        );
      })}
      <BlockErrors errors={errors.filter((e) => e.path === 'factSheetTypes')} prefix="factSheetTypes" />
      <AddForm label="Add a fact sheet type" onAdd={add} problem={problem}>
        <label for="me-type-new" style={{ margin: 0 }}>
          New type name
        </label>
        <input id="me-type-new" value={newName} autocomplete="off" spellcheck={false} placeholder="e.g. Application" onInput={(e) => setNewName(e.currentTarget.value)} />
        <button type="submit">Add type</button>
      </AddForm>
    </section>
  );
}

/** Rename and delete of one type, each with its own small form and its own refusal. */
function TypeActions({ policy, index, onChange }: { policy: LeanixPolicy; index: number; onChange: (p: LeanixPolicy) => void }) {
  const type = policy.factSheetTypes[index]!;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(type.name);
  const [problem, setProblem] = useState<string | null>(null);
  const [refused, setRefused] = useState<Reference[] | null>(null);
  const id = `me-type-${index}-rename`;

  const rename = () => {
    const why = typeRenameProblem(policy, type.name, name);
    if (why) return setProblem(why);
    setProblem(null);
    setRenaming(false);
    onChange(renameType(policy, type.name, name));
  };
  const remove = () => {
    const refs = typeDeleteProblem(policy, type.name);
    if (refs) return setRefused(refs);
    setRefused(null);
    onChange({ ...policy, factSheetTypes: removeAt(policy.factSheetTypes, index) });
  };

  return (
    <div class="me-type-actions">
      {renaming ? (
        <form
          class="row"
          aria-label={`Rename type ${type.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            rename();
          }}
        >
          <label for={id} style={{ margin: 0 }}>
            New name of {type.name}
          </label>
          <input id={id} value={name} autocomplete="off" spellcheck={false} onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit">Apply rename</button>
          <button
            type="button"
            onClick={() => {
              setRenaming(false);
              setProblem(null);
              setName(type.name);
            }}
          >
            Cancel
          </button>
          {problem ? (
            <span class="error-list" role="alert">
              {problem}
            </span>
          ) : null}
          <span class="muted me-note-inline">Fact sheets, subscription roles, permission strings and scenarios follow the new name; role drafts do not.</span>
        </form>
      ) : (
        <span class="row">
          <button
            type="button"
            aria-label={`Rename type ${type.name}`}
            onClick={() => {
              setName(type.name);
              setRenaming(true);
              setRefused(null);
            }}
          >
            Rename
          </button>
          <button type="button" class="danger" aria-label={`Delete type ${type.name}`} onClick={remove}>
            Delete type
          </button>
        </span>
      )}
      {refused ? (
        <DeleteRefused
          testId={`type-delete-refused-${type.name}`}
          message={`${type.name} is not deleted: ${refused.length === 1 ? 'one place refers' : `${refused.length} places refer`} to it. Change or remove ${refused.length === 1 ? 'it' : 'them'} first.`}
          refs={refused}
        />
      ) : null}
    </div>
  );
}
