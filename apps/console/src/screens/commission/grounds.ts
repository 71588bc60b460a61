import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';

export type Ground = components['schemas']['GroundResponse'];

/** GET /grounds is reference data: asked once per page load, shared by every screen that names grounds. */
let asked: Promise<Ground[]> | undefined;

export function useGrounds(): { grounds?: Ground[]; error?: unknown } {
  const [state, setState] = useState<{ grounds?: Ground[]; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    asked ??= ask(api.GET('/api/v1/grounds'));
    asked.then(
      (grounds) => live && setState({ grounds }),
      (error: unknown) => {
        asked = undefined;
        if (live) setState({ error });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** A ground's description with its code, or the code alone before the list arrives. */
export const groundName = (code: string, grounds?: Ground[]): string => {
  const ground = grounds?.find((candidate) => candidate.code === code);
  return ground ? `${ground.description.replace(/\.$/, '')} (${ground.citation})` : code;
};
