// The actor of a quick check, remembered per workspace under one setting, so that the
// popup and the playground start with the actor last used over that workspace in either.
import { useEffect, useState } from 'preact/hooks';
import type { EngineClient } from '../engine-client';

/** The one setting per workspace. */
export const actorSettingKey = (workspaceId: string) => `quick-check.actor.${workspaceId}`;

/** Where the popup and the playground each kept it before they shared one quick check; read when the setting is not there yet. */
export const legacyActorKeys = (workspaceId: string) => [`popup.actor.${workspaceId}`, `quickcheck.actor.${workspaceId}`];

/**
 * `value` as one of `values`: as it is, or a bare user id as its `user:` value (a
 * Qualytics select offers users and tokens); null when it names none of them.
 */
export function actorAmong(value: unknown, values: readonly string[]): string | null {
  if (typeof value !== 'string' || !value) return null;
  if (values.includes(value)) return value;
  return values.includes(`user:${value}`) ? `user:${value}` : null;
}

/** What the lookup needs of the engine: its settings. */
export interface Settings {
  getSetting(key: string): Promise<{ ok: true; value: unknown } | { ok: false }>;
  setSetting(key: string, value: unknown): Promise<unknown>;
}

/**
 * The actor remembered for the workspace, among `values`: under the one setting, else
 * under a legacy key, which is then written under the one setting; null when none is.
 */
export async function rememberedActor(settings: Settings, workspaceId: string, values: readonly string[]): Promise<string | null> {
  const current = await settings.getSetting(actorSettingKey(workspaceId));
  const remembered = current.ok ? actorAmong(current.value, values) : null;
  if (remembered !== null) return remembered;
  const legacy = await Promise.all(legacyActorKeys(workspaceId).map((key) => settings.getSetting(key)));
  const found = legacy.map((r) => (r.ok ? actorAmong(r.value, values) : null)).find((v) => v !== null) ?? null;
  if (found !== null) void settings.setSetting(actorSettingKey(workspaceId), found);
  return found;
}

export interface RememberedActor {
  /** The chosen actor's value; '' when the workspace has none; null while it is looked up. */
  readonly actor: string | null;
  /** Chooses an actor and remembers it for the next quick check over this workspace. */
  readonly choose: (value: string) => void;
}

/**
 * The actor to start with: `preferred` (a linked question's) when it is among `values`,
 * else the remembered one, else the first value. A value found only under a legacy key
 * is written under the new one.
 */
export function useRememberedActor(client: EngineClient, workspaceId: string, values: readonly string[], preferred?: string): RememberedActor {
  const [actor, setActor] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setActor(null);
    void (async () => {
      let remembered: string | null = null;
      try {
        remembered = await rememberedActor(client.engine(), workspaceId, values);
      } catch {
        // Not remembered: start with the first actor.
      }
      if (live) setActor(actorAmong(preferred, values) ?? remembered ?? values[0] ?? '');
    })();
    return () => {
      live = false;
    };
  }, [workspaceId]);

  const choose = (value: string) => {
    setActor(value);
    void client.engine().setSetting(actorSettingKey(workspaceId), value);
  };

  return { actor, choose };
}
