// The donation dialog's programs: the server's list (a page at a time, filtered by name prefix) with a
// checkbox each. Checked programs are the ones proven for; with none checked, every program is, including
// ones the server adds later. If the list cannot be loaded, program IDs can be typed instead.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { DonationProgramsInput } from '../../../src-main/core/api/market-schemas.js';
import { useBridge } from '../../bridge/context.js';
import { TextField } from '../../components/TextField.js';
import { errorMessage } from '../../errors.js';
import { fieldErrors } from '../../field-errors.js';
import { useMarketsStore, type DonationProgram } from '../../stores/markets.js';
import { lockTimeoutText, parseProgramIds } from './coordinator-text.js';

export const PROGRAMS_PAGE_SIZE = 10;
export const ALL_PROGRAMS_LABEL = 'All programs (including ones added later)';

interface Listing {
  url: string;
  nameFilter: string;
  programs: DonationProgram[];
  total: number;
  page: number;
}

interface DonationProgramPickerProps {
  /** The URL field as typed. */
  url: string;
  /** The chosen program IDs; empty means every program. */
  programIds: string[];
  onProgramIds(ids: string[]): void;
  /** The URL cannot be asked: the dialog shows why on its URL field. */
  onUrlError(message: string): void;
  /** Why the choice cannot be saved (the dialog's check of it). */
  error?: string | undefined;
  /** Lists the programs at once (editing a coordinator whose address is known), so chosen ones show by name. */
  loadOnOpen?: boolean;
}

export function DonationProgramPicker({ url, programIds, onProgramIds, onUrlError, error, loadOnOpen = false }: DonationProgramPickerProps) {
  const bridge = useBridge();
  const listPrograms = useMarketsStore((store) => store.listPrograms);
  const [nameFilter, setNameFilter] = useState('');
  const [filterError, setFilterError] = useState<string | undefined>();
  const [listing, setListing] = useState<Listing | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  /** Typed program IDs, offered once the list could not be loaded. */
  const [typedIds, setTypedIds] = useState<string | null>(null);
  /** Names of programs seen in a listing, to show the chosen ones that are not on the page shown. */
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const request = useRef(0);
  const ids = useId();
  // A list from another address says nothing about this one.
  const shown = listing !== null && listing.url === url.trim() ? listing : null;

  async function load(page: number, filter = nameFilter) {
    setFilterError(undefined);
    const checked = DonationProgramsInput.safeParse({ url, nameFilter: filter, page, limit: PROGRAMS_PAGE_SIZE });
    if (!checked.success) {
      const errors = fieldErrors(checked.error);
      if (errors.url) onUrlError(errors.url);
      if (errors.nameFilter) setFilterError(errors.nameFilter);
      return;
    }
    const mine = ++request.current;
    setLoading(true);
    setFailure(null);
    try {
      const answer = await listPrograms(bridge, checked.data);
      if (mine !== request.current) return;
      setNames((known) => new Map([...known, ...answer.programs.map((p): [string, string] => [p.programId, p.name])]));
      setListing({ url: checked.data.url, nameFilter: checked.data.nameFilter ?? '', ...answer });
      setTypedIds(null);
    } catch (problem) {
      if (mine !== request.current) return;
      setListing(null);
      setFailure(errorMessage(problem));
      setTypedIds((typed) => typed ?? programIds.join(', '));
    } finally {
      if (mine === request.current) setLoading(false);
    }
  }

  useEffect(() => {
    if (loadOnOpen) void load(1);
  }, []); // once, when the dialog opens

  function chooseAll() {
    onProgramIds([]);
    setTypedIds((typed) => (typed === null ? null : ''));
  }

  function toggle(programId: string, on: boolean) {
    onProgramIds(on ? [...programIds.filter((id) => id !== programId), programId] : programIds.filter((id) => id !== programId));
  }

  function filterKey(event: KeyboardEvent<HTMLDivElement>) {
    // Enter in the filter lists again instead of sending the whole form.
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      void load(1);
    }
  }

  const pages = shown === null ? 0 : Math.max(1, Math.ceil(shown.total / PROGRAMS_PAGE_SIZE));
  const allChosen = programIds.length === 0;
  return (
    <fieldset className="program-picker" aria-describedby={error ? `${ids}-error` : undefined}>
      <legend>Programs</legend>
      <div className="program-choice">
        <label>
          <input type="radio" name={`${ids}-choice`} checked={allChosen} onChange={chooseAll} /> {ALL_PROGRAMS_LABEL}
        </label>
        <label>
          <input type="radio" name={`${ids}-choice`} checked={!allChosen} disabled={allChosen} onChange={() => undefined} /> Only the programs checked below
        </label>
        {!allChosen && (
          <p className="field-hint" data-testid="chosen-programs">
            Chosen: {programIds.map((id) => names.get(id) ?? id).join(', ')}
          </p>
        )}
      </div>
      {error && (
        <p id={`${ids}-error`} className="field-error">
          {error}
        </p>
      )}
      <div className="program-search" onKeyDown={filterKey}>
        <TextField label="Filter programs" value={nameFilter} onChange={setNameFilter} error={filterError} hint="Program names that start with this; empty lists them all." autoComplete="off" spellCheck={false} />
        <button type="button" onClick={() => void load(1)} disabled={loading}>
          {loading ? 'Loading programs…' : 'Load programs'}
        </button>
      </div>
      {failure !== null && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      {shown !== null && (
        <>
          {shown.programs.length === 0 ? (
            <p className="muted">{shown.nameFilter === '' ? 'The server lists no programs.' : `No program names start with “${shown.nameFilter}”.`}</p>
          ) : (
            <ul className="program-list" aria-label="Programs on the server">
              {shown.programs.map((program) => (
                <ProgramItem key={program.programId} program={program} checked={programIds.includes(program.programId)} onToggle={(on) => toggle(program.programId, on)} />
              ))}
            </ul>
          )}
          <div className="program-paging">
            <span className="muted" aria-live="polite">
              {shown.total} program{shown.total === 1 ? '' : 's'}
              {pages > 1 ? ` · page ${shown.page} of ${pages}` : ''}
            </span>
            {pages > 1 && (
              <>
                <button type="button" disabled={loading || shown.page <= 1} onClick={() => void load(shown.page - 1, shown.nameFilter)}>
                  Previous
                </button>
                <button type="button" disabled={loading || shown.page >= pages} onClick={() => void load(shown.page + 1, shown.nameFilter)}>
                  Next
                </button>
              </>
            )}
          </div>
        </>
      )}
      {typedIds !== null && (
        <TextField
          label="Program IDs"
          value={typedIds}
          onChange={(text) => {
            setTypedIds(text);
            onProgramIds(parseProgramIds(text));
          }}
          hint="The list could not be loaded: type program IDs, comma separated; empty means every program."
          spellCheck={false}
        />
      )}
    </fieldset>
  );
}

function ProgramItem({ program, checked, onToggle }: { program: DonationProgram; checked: boolean; onToggle(on: boolean): void }) {
  const id = useId();
  const facts = [program.description, `reservations last ${lockTimeoutText(program.inputLockTimeoutS)}`, program.fits === false ? `does not fit: ${program.reason ?? ''}` : program.reason].filter(
    (text): text is string => typeof text === 'string' && text !== '',
  );
  return (
    <li>
      <label>
        <input type="checkbox" checked={checked} onChange={(event) => onToggle(event.target.checked)} aria-describedby={`${id}-facts`} /> {program.name}
      </label>
      <span id={`${id}-facts`} className="field-hint">
        {facts.join(' · ')}
      </span>
    </li>
  );
}
