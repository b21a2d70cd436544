import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../../untyped';

/** Something the page asks the background for: on its way, there, or failed with the reason. */
export type Loaded<T> = { kind: 'loading' } | { kind: 'ok'; value: T } | { kind: 'failed'; message: string };

/**
 * Loads `load()` when the component mounts and again on `refresh()`. `alive` turns false once the
 * component is gone, so a late answer (or one to an action of the caller's) changes nothing.
 */
export function useLoaded<T>(load: () => Promise<T>) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ kind: 'loading' });
  const alive = useRef(true);

  async function refresh(): Promise<void> {
    setLoaded({ kind: 'loading' });
    try {
      const value = await load();
      if (alive.current) setLoaded({ kind: 'ok', value });
    } catch (error) {
      if (alive.current) setLoaded({ kind: 'failed', message: messageOf(error) });
    }
  }

  useEffect(() => {
    void refresh();
    return () => {
      alive.current = false;
    };
  }, []);

  return { loaded, refresh, alive };
}
