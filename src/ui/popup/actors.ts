// Who acts in a popup check: the workspace's users (technical first), and the actor last
// chosen in this workspace, remembered across popups.
import { useEffect, useState } from 'preact/hooks';
import type { UserRow } from '../../storage/store';
import type { Failure } from '../../worker/result';
import { failureOf } from '../components/failure-of';
import type { EngineClient } from '../engine-client';

export const actorSettingKey = (workspaceId: string) => `popup.actor.${workspaceId}`;

export interface Actors {
  /** The workspace's users; null while they load, empty when they could not be read. */
  readonly users: UserRow[] | null;
  /** The chosen actor's value, or '' for none. */
  readonly actor: string;
  /** Chooses an actor and remembers it for the next popup over this workspace. */
  readonly choose: (value: string) => void;
}

/**
 * Loads the users; the actor is the remembered one when it is still among `valuesOf(users)`,
 * else the first of them. A failure goes to `onFailure`, and leaves no users.
 */
export function useActors(client: EngineClient, ws: string, valuesOf: (users: readonly UserRow[]) => string[], onFailure: (failure: Failure) => void): Actors {
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [actor, setActor] = useState('');

  useEffect(() => {
    void (async () => {
      try {
        const [list, last] = await Promise.all([client.engine().listUsers(ws), client.engine().getSetting(actorSettingKey(ws))]);
        if (!list.ok) {
          onFailure(list.error);
          setUsers([]);
          return;
        }
        setUsers(list.value);
        const values = valuesOf(list.value);
        const remembered = last.ok && typeof last.value === 'string' && values.includes(last.value) ? last.value : null;
        setActor(remembered ?? values[0] ?? '');
      } catch (error) {
        onFailure(failureOf(error));
        setUsers([]);
      }
    })();
  }, [ws]);

  const choose = (value: string) => {
    setActor(value);
    void client.engine().setSetting(actorSettingKey(ws), value);
  };

  return { users, actor, choose };
}
