// What the drafted role lets its holder do, live: the valid lines of the editor are sent
// to the worker shortly after each edit, and the latest answer is shown as the impact
// line and the matrix of types × sections.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RoleMatrix } from '../../engine/leanix/matrix';
import type { PolicyError } from '../../policy/errors';
import type { Outline } from '../../worker/api';
import { PolicyErrorList } from '../components/PolicyErrorList';
import type { EngineClient } from '../engine-client';
import { failureErrors } from './RoleDesigner-form';
import type { DraftForm } from './RoleDesigner-form';
import { ImpactLine } from './RoleDesigner-Impact';
import { MatrixView } from './RoleDesigner-Matrix';
import { draftNameProblem, plural } from './RoleDesigner-model';

type LeanixOutline = Extract<Outline, { platform: 'leanix' }>;

/** Quiet time after an edit before the matrix is asked for again. */
const SETTLE_MS = 120;

export interface MatrixPanelProps {
  readonly client: EngineClient;
  readonly outline: LeanixOutline;
  readonly form: DraftForm;
  /** The permission lines that read correctly, and how many do not. */
  readonly valid: readonly string[];
  readonly invalidCount: number;
}

type Matrix = { ok: true; value: RoleMatrix } | { ok: false; message: string; errors: PolicyError[] };

export function MatrixPanel({ client, outline, form, valid, invalidCount }: MatrixPanelProps) {
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const ticket = useRef(0);
  const key = JSON.stringify([form.name, form.cloneFrom, valid]);

  useEffect(() => {
    const mine = ++ticket.current;
    const timer = setTimeout(async () => {
      const name = draftNameProblem(form.name, []) ? 'DRAFT_ROLE' : form.name;
      const r = await client.engine().roleMatrix(outline.id, { name, ...(form.cloneFrom ? { cloneFrom: form.cloneFrom } : {}), permissions: [...valid] });
      if (mine !== ticket.current) return;
      setMatrix(r.ok ? r : { ok: false, message: r.error.message, errors: failureErrors(r.error) });
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [key, outline.id]);

  const sealEnabled = new Set(outline.types.filter((t) => t.qualitySeal.enabled).map((t) => t.name));
  return (
    <section class="rd-matrix-section" aria-labelledby="rd-matrix-h">
      <h3 id="rd-matrix-h">What the role lets its holder do</h3>
      {invalidCount ? (
        <p class="muted rd-note" data-testid="matrix-partial">
          The matrix leaves out {plural(invalidCount, 'line')} with errors.
        </p>
      ) : null}
      {matrix === null ? (
        <p class="muted">Working out the matrix…</p>
      ) : matrix.ok ? (
        <>
          <ImpactLine impact={matrix.value.impact} />
          <MatrixView matrix={matrix.value} sealEnabled={sealEnabled} />
        </>
      ) : (
        <PolicyErrorList message={`No matrix: ${matrix.message}`} errors={matrix.errors} testId="matrix-problem" />
      )}
    </section>
  );
}
