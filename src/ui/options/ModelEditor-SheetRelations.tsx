// One fact sheet's relations: the ids each relation points to, and the "leave empty"
// mark (naFields) that makes an empty relation count as filled for the mandatory rules.
import type { FactSheet, FactSheetType } from '../../model/schema';
import { ChipsInput } from '../components/ChipsInput';
import { sheetRelations, withItem, withTargets } from './ModelEditor-model';

export function SheetRelations({ type, sheet, onChange }: { type: FactSheetType | undefined; sheet: FactSheet; onChange: (sheet: FactSheet) => void }) {
  const relations = sheetRelations(sheet, type);
  const mandatory = type?.mandatory.relations ?? [];
  return (
    <>
      <h4>Relations</h4>
      {relations.length === 0 ? (
        <p class="muted me-note">{sheet.type} declares no relations; add them on Fact sheet types.</p>
      ) : (
        <div class="me-table-wrap">
          <table class="me-table" data-testid="sheet-relations">
            <thead>
              <tr>
                <th scope="col">Relation</th>
                <th scope="col">Related fact sheet ids</th>
                <th scope="col">Leave empty</th>
              </tr>
            </thead>
            <tbody>
              {relations.map((r, k) => (
                <tr key={r} data-testid={`relation-${r}`}>
                  <th scope="row">
                    <code>{r}</code>
                    {mandatory.includes(r) ? <span class="muted"> · mandatory</span> : null}
                    {type && !type.relations.includes(r) ? <span class="muted"> · not a relation of {sheet.type}</span> : null}
                  </th>
                  <td>
                    <ChipsInput
                      id={`me-rel-${k}`}
                      noun={`target of ${r}`}
                      values={sheet.relations[r] ?? []}
                      placeholder="add id"
                      onChange={(targets) => onChange(withTargets(sheet, r, targets))}
                    />
                  </td>
                  <td>
                    <label class="me-check">
                      <input
                        type="checkbox"
                        checked={sheet.naFields.includes(r)}
                        onChange={(e) => onChange({ ...sheet, naFields: withItem(sheet.naFields, r, e.currentTarget.checked) })}
                      />
                      <span class="sr-only">Leave {r} empty</span>
                      <span aria-hidden="true" class="muted">
                        counts as filled
                      </span>
                    </label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
