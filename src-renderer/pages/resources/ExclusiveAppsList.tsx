// The programs that pause proving while they run: an editable list, and the starter list to add back.
import { useState } from 'react';
import { TextField } from '../../components/TextField.js';

const MAX_NAMES = 500;
const MAX_NAME_LENGTH = 200;

interface ExclusiveAppsListProps {
  names: string[];
  starter: string[];
  onChange(names: string[]): void;
  error?: string | undefined;
}

/** A program's name as the rule compares it: no .exe or .app. */
const programName = (typed: string): string => typed.trim().replace(/\.(exe|app)$/i, '');
const has = (names: string[], name: string): boolean => names.some((other) => other.toLowerCase() === name.toLowerCase());

export function ExclusiveAppsList({ names, starter, onChange, error }: ExclusiveAppsListProps) {
  const [typed, setTyped] = useState('');
  const missingStarters = starter.filter((name) => !has(names, name));
  const name = programName(typed);
  const canAdd = name !== '' && !has(names, name) && names.length < MAX_NAMES;

  function add() {
    if (!canAdd) return;
    onChange([...names, name]);
    setTyped('');
  }

  return (
    <>
      {names.length === 0 ? (
        <p className="muted">No programs in the list.</p>
      ) : (
        <ul className="app-list" aria-label="Exclusive programs">
          {names.map((app, index) => (
            <li key={index}>
              <span>{app}</span>
              <button type="button" className="app-remove" aria-label={`Remove ${app}`} onClick={() => onChange(names.filter((_, other) => other !== index))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <span className="field-error">{error}</span>}
      <div className="app-add">
        <TextField
          label="Program name"
          value={typed}
          onChange={setTyped}
          onKeyDown={(event) => {
            // Enter adds the name instead of saving the whole page.
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          hint="As the program's file is named, without .exe or .app; case does not matter."
          maxLength={MAX_NAME_LENGTH}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="button" disabled={!canAdd} onClick={add}>
          Add
        </button>
        <button type="button" disabled={missingStarters.length === 0} onClick={() => onChange([...names, ...missingStarters])}>
          Restore the starter list
        </button>
      </div>
    </>
  );
}
