// The live matrix of a role: fact sheet types × sections, R/C/U/D per cell (all, some or
// none of the cell's fields) and whether writes there keep or break an approved seal.
import type { RoleMatrix } from '../../engine/leanix/matrix';
import { ACTIONS } from '../../model/vocabulary';
import type { Action } from '../../model/vocabulary';

const LETTER: Record<Action, string> = { READ: 'R', CREATE: 'C', UPDATE: 'U', DELETE: 'D' };
const WORD: Record<Action, string> = { READ: 'read', CREATE: 'create', UPDATE: 'update', DELETE: 'delete' };

export interface MatrixViewProps {
  readonly matrix: RoleMatrix;
  /** Types whose quality seal is enabled. */
  readonly sealEnabled: ReadonlySet<string>;
}

export function MatrixView({ matrix, sealEnabled }: MatrixViewProps) {
  return (
    <div>
      <div class="rd-matrix-wrap">
        <table class="rd-matrix" data-testid="role-matrix">
          <caption class="sr-only">What the role may do per fact sheet type and section, and whether its writes keep the seal</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              {matrix.sections.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
              <th scope="col">Seal permission</th>
            </tr>
          </thead>
          <tbody>
            {matrix.types.map((type) => {
              const holdsSeal = matrix.sealTypes.includes(type);
              return (
                <tr key={type} data-testid={`matrix-row-${type}`}>
                  <th scope="row">{type}</th>
                  {matrix.sections.map((s) => {
                    const cell = matrix.cells[type]?.[s.key];
                    if (!cell) return <td key={s.key} />;
                    const said = ACTIONS.map((a) => `${WORD[a]} ${cell.actions[a] === 'all' ? 'on all' : cell.actions[a] === 'some' ? 'on some' : 'no'}`).join(', ');
                    const sealWord = cell.seal === 'keep' ? 'writes keep the seal' : cell.seal === 'break' ? 'writes break the seal' : '';
                    return (
                      <td
                        key={s.key}
                        data-testid={`cell-${type}-${s.key}`}
                        data-seal={cell.seal}
                        title={`${type}, ${s.label}: ${said}${sealWord ? `; ${sealWord}` : ''}`}
                      >
                        <span class="sr-only">{`${said}${sealWord ? `; ${sealWord}` : ''}`}</span>
                        <span class="rd-acts" aria-hidden="true">
                          {ACTIONS.map((a) => (
                            <span key={a} class={`rd-act rd-${cell.actions[a]}`}>
                              {cell.actions[a] === 'none' ? '·' : cell.actions[a] === 'all' ? LETTER[a] : LETTER[a].toLowerCase()}
                            </span>
                          ))}
                        </span>
                        {cell.seal !== 'n/a' ? (
                          <span class={`rd-seal rd-seal-${cell.seal}`} aria-hidden="true">
                            {cell.seal === 'keep' ? 'keeps' : 'breaks'}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                  <td data-testid={`seal-${type}`}>
                    {!sealEnabled.has(type) ? (
                      <span class="muted">seal off for this type</span>
                    ) : holdsSeal ? (
                      <span class="rd-seal rd-seal-keep">holds it</span>
                    ) : (
                      <span class="muted">no</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="muted rd-legend">
        <strong>R C U D</strong>: read, create, update, delete on every field of the section; lower case (<strong>u</strong>): on some
        of them; <strong>·</strong>: none. <span class="rd-seal rd-seal-keep">keeps</span> and{' '}
        <span class="rd-seal rd-seal-break">breaks</span>: what its writes there do to an approved seal (blank: it cannot write there, or
        writes there never touch the seal).
      </p>
    </div>
  );
}
