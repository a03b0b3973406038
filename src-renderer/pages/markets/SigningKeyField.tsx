// A market dialog's signing key (Succinct, Aztec). Adding: import a private key (a password field, never shown
// again) or have a new one made in the keychain. Editing: keep the stored key or replace it by importing another.
// `requirement` says what the key's address needs on the network before it can earn (a stake, an escrowed bond).
import { useId } from 'react';
import { TextField } from '../../components/TextField.js';
import type { KeySource } from './market-form.js';

export interface SigningKeyFieldProps {
  editing: boolean;
  source: KeySource;
  onSource(source: KeySource): void;
  privateKey: string;
  onPrivateKey(key: string): void;
  error: string | undefined;
  requirement: string;
}

const KEEPS = 'The key goes to your OS keychain and never comes back to this window: only its address is shown.';

export function SigningKeyField({ editing, source, onSource, privateKey, onPrivateKey, error, requirement }: SigningKeyFieldProps) {
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
        {KEEPS} {requirement}
      </p>
    </fieldset>
  );
}
