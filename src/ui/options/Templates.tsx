// "New from template", `sealcheck init`-like: one button per template, its contents said
// in a line. The templates themselves are the worker's (src/worker/templates.ts).
import { TEMPLATES } from '../../worker/templates';
import type { TemplateId, TemplateInfo } from '../../worker/templates';

export function templateInfo(id: TemplateId): TemplateInfo {
  return TEMPLATES.find((t) => t.id === id)!;
}

export function TemplateButtons({ busy, onCreate }: { busy: boolean; onCreate: (id: TemplateId) => void }) {
  return (
    <div role="group" aria-label="New from template" data-testid="templates">
      <span class="muted">New from template:</span>
      <ul class="row" style={{ listStyle: 'none', padding: 0, margin: '4px 0 0' }}>
        {TEMPLATES.map((t) => (
          <li key={t.id}>
            <button type="button" disabled={busy} onClick={() => onCreate(t.id)} data-testid={`template-${t.id}`} title={t.about} aria-describedby={`template-about-${t.id}`}>
              {t.title}
            </button>
            <span id={`template-about-${t.id}`} class="sr-only">
              {t.about}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
