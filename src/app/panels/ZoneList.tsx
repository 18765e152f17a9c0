/** The whole region and each zone as toggle buttons (name + id); arrow keys move between them. */
import { useRef, type KeyboardEvent } from 'react';
import type { RegionSummary } from '../../core/summary';
import './panels.css';

export interface ZoneListProps {
  regions: readonly RegionSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function ZoneList({ regions, selectedId, onSelect }: ZoneListProps) {
  const list = useRef<HTMLUListElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
    if (!keys.includes(e.key) || !list.current) return;
    const buttons = [...list.current.querySelectorAll<HTMLButtonElement>('button')];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : (i + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next].focus();
  };
  return (
    <nav className="zone-list" aria-label="Regions">
      <ul ref={list} onKeyDown={onKeyDown}>
        {regions.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className="zone-button"
              aria-pressed={r.id === selectedId}
              onClick={() => onSelect(r.id)}
              data-region-id={r.id}
            >
              <span className="zone-name">{r.name}</span> <span className="zone-id">{r.id}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
