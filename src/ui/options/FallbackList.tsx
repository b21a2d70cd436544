import { useEffect, useRef, useState } from 'preact/hooks';
import { BACKEND_IDS, type BackendId } from '../../settings/schema';
import { backendLabel } from '../backend-label';
import { t } from '../i18n';
import { moved } from './moved';

export interface FallbackListProps {
  /** The fallbacks, in the order they are tried. */
  value: readonly BackendId[];
  /** The primary backend: offered to no one, and skipped if it is in the list. */
  primary: BackendId;
  onChange: (next: BackendId[]) => void;
}

type Action = 'up' | 'down' | 'remove';

/**
 * The fallback order as a list with Move up, Move down and Remove buttons, and a picker to add
 * one. Buttons keep the keyboard focus on the backend that moved, and a live region says what
 * happened, so the order can be set without a mouse or a screen.
 */
export function FallbackList({ value, primary, onChange }: FallbackListProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLSelectElement>(null);
  const [announcement, setAnnouncement] = useState('');
  /** Where the focus goes once the list has re-rendered. */
  const [focus, setFocus] = useState<{ id: BackendId | null; action: Action } | null>(null);
  const addable = BACKEND_IDS.filter((id) => id !== primary && !value.includes(id));
  const [toAdd, setToAdd] = useState<BackendId | ''>('');
  const picked = toAdd !== '' && addable.includes(toAdd) ? toAdd : addable[0];

  useEffect(() => {
    if (!focus) return;
    setFocus(null);
    const item = focus.id && listRef.current?.querySelector(`li[data-backend="${focus.id}"]`);
    if (!item) {
      addRef.current?.focus();
      return;
    }
    // The button pressed may now be disabled (moved to the top): its neighbour takes the focus.
    const order: Action[] = focus.action === 'up' ? ['up', 'down', 'remove'] : focus.action === 'down' ? ['down', 'up', 'remove'] : ['remove'];
    for (const action of order) {
      const button = item.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
      if (button && !button.disabled) {
        button.focus();
        return;
      }
    }
  }, [focus]);

  function move(index: number, delta: number): void {
    const id = value[index]!;
    onChange(moved(value, index, delta));
    setAnnouncement(t('options_fallback_moved', [backendLabel(id), String(index + delta + 1)]));
    setFocus({ id, action: delta < 0 ? 'up' : 'down' });
  }

  function remove(index: number): void {
    const id = value[index]!;
    onChange(value.filter((_, i) => i !== index));
    setAnnouncement(t('options_fallback_removed', backendLabel(id)));
    // The next backend's Remove, or the previous one's when the last went, or the picker.
    setFocus({ id: value[index + 1] ?? value[index - 1] ?? null, action: 'remove' });
  }

  function add(): void {
    if (!picked) return;
    onChange([...value, picked]);
    setToAdd('');
    setAnnouncement(t('options_fallback_added', backendLabel(picked)));
  }

  return (
    <div class="field fallbacks">
      <span class="label" id="fallbacks-label">
        {t('options_label_fallbacks')}
      </span>
      {value.length === 0 ? (
        <p class="empty">{t('options_fallback_none')}</p>
      ) : (
        <ol ref={listRef} aria-labelledby="fallbacks-label" aria-describedby="fallbacks-help">
          {value.map((id, index) => (
            <li key={id} data-backend={id}>
              <span class="name">
                {backendLabel(id)}
                {id === primary && <span class="note"> {t('options_fallback_isPrimary')}</span>}
              </span>
              <span class="buttons">
                <button
                  type="button"
                  data-action="up"
                  aria-label={t('options_fallback_up', backendLabel(id))}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  data-action="down"
                  aria-label={t('options_fallback_down', backendLabel(id))}
                  disabled={index === value.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  data-action="remove"
                  aria-label={t('options_fallback_remove', backendLabel(id))}
                  onClick={() => remove(index)}
                >
                  {t('options_remove')}
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {addable.length > 0 && (
        <div class="add">
          <label for="fallback-add">{t('options_fallback_addLabel')}</label>
          <select id="fallback-add" ref={addRef} value={picked} onChange={(event) => setToAdd(event.currentTarget.value as BackendId)}>
            {addable.map((id) => (
              <option key={id} value={id}>
                {backendLabel(id)}
              </option>
            ))}
          </select>
          <button type="button" onClick={add}>
            {t('options_add')}
          </button>
        </div>
      )}
      <p class="help" id="fallbacks-help">
        {t('options_help_fallbacks')}
      </p>
      <p class="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}
