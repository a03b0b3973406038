// The Succinct dialog's signing key. Adding: import a private key (a password field, never shown again) or have
// a new one made in the keychain. Editing: keep the stored key or replace it by importing another.
import { useId } from 'react';
import { TextField } from '../../components/TextField.js';
import type { KeySource } from './succinct-form.js';

interface SuccinctKeyFieldProps {
  editing: boolean;
  source: KeySource;
  onSource(source: KeySource): void;
  privateKey: string;
  onPrivateKey(key: string): void;
  error: string | undefined;
}

const KEEPS = 'The key goes to your OS keychain and never comes back to this window: only its address is shown.';
const STAKE = 'Bidding needs at least 1000 PROVE staked to this prover on the network.';

export function SuccinctKeyField({ editing, source, onSource, privateKey, onPrivateKey, error }: SuccinctKeyFieldProps) {
  const ids = useId();
  return (
    <fieldset className="key-choice" aria-describedby={`${ids}-about`}>
      <legend>Signing key</legend>
      {editing ? (
        <label>
          <input type="checkbox" checked={source === 'import'} onChange={(event) => onSource(event.target.checked ? 'import' : 'generate')} /> Replace the key
        </label>
      ) : (
        <>
          <label>
            <input type="radio" name={`${ids}-source`} checked={source === 'import'} onChange={() => onSource('import')} /> Import a private key
          </label>
          <label>
            <input type="radio" name={`${ids}-source`} checked={source === 'generate'} onChange={() => onSource('generate')} /> Generate a new key
          </label>
        </>
      )}
      {source === 'import' && (
        <TextField
          label={editing ? 'New private key' : 'Private key'}
          type="password"
          value={privateKey}
          onChange={onPrivateKey}
          error={error}
          hint="64 hexadecimal digits, 0x optional."
          autoComplete="off"
          spellCheck={false}
        />
      )}
      <p id={`${ids}-about`} className="field-hint">
        {editing && source !== 'import' ? 'The stored key is kept. ' : ''}
        {KEEPS} {STAKE}
      </p>
    </fieldset>
  );
}
