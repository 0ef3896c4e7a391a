// A quick check's verdict: every change of the question asks the engine again; only the
// latest answer is shown, and its timings are marked for the e2e test and the benchmark.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FactSheet } from '../../model/schema';
import type { Answer, Question } from '../../worker/api';
import type { Failure } from '../../worker/result';
import { failureOf } from '../components/failure-of';
import type { EngineClient } from '../engine-client';
import { markEval, markOnce } from './timing';

/** An answer together with the question it answers, so "save" never mixes the two. */
export interface Checked<Q extends Question> {
  readonly question: Q;
  readonly answer: Extract<Answer, { platform: Q['platform'] }>;
}

/**
 * Evaluates `question` (null: nothing to ask yet) whenever `ws` or `key` changes; `key`
 * stands for everything the question is made of (`override` included). A LeanIX question
 * about `override`'s fact sheet is answered with it in place of the stored one.
 */
export function useEvaluation<Q extends Question>(
  client: EngineClient,
  ws: string,
  question: Q | null,
  key: string,
  override: FactSheet | null = null,
): { checked: Checked<Q> | null; failure: Failure | null } {
  const [checked, setChecked] = useState<Checked<Q> | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const evalSeq = useRef(0);

  useEffect(() => {
    const seq = ++evalSeq.current;
    if (question === null) {
      setChecked(null);
      setFailure(null);
      return;
    }
    const started = performance.now();
    void (async () => {
      try {
        const live = override && question.platform === 'leanix' && 'factSheet' in question.operation && question.operation.factSheet === override.id;
        const r = live ? await client.engine().evaluateWith(ws, question, override) : await client.engine().evaluate(ws, question);
        if (seq !== evalSeq.current) return;
        markEval(performance.now() - started);
        if (r.ok && r.value.platform === question.platform) {
          setChecked({ question, answer: r.value as Checked<Q>['answer'] });
          setFailure(null);
        } else {
          setChecked(null);
          setFailure(r.ok ? { kind: 'internal', message: 'the engine answered for another platform' } : r.error);
        }
      } catch (error) {
        if (seq === evalSeq.current) setFailure(failureOf(error));
      }
    })();
  }, [ws, key]);

  useEffect(() => {
    if (checked) markOnce('verdictMs');
  }, [checked]);

  return { checked, failure };
}
