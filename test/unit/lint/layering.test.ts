// The layering rules of DESIGN.md are lint rules; this checks they fire (and stay quiet on allowed imports).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('layering lint rules', () => {
  it('fails when src-main/core imports electron', async () => {
    const messages = await restrictedImportMessages(
      "import { app } from 'electron';\nexport const x = app;\n",
      'src-main/core/example.ts',
    );
    expect(messages.join('\n')).toMatch(/must never import electron/);
  });

  it('fails when src-main/core imports the electron shell', async () => {
    const messages = await restrictedImportMessages(
      "import { x } from '../electron/main.js';\nexport const y = x;\n",
      'src-main/core/example.ts',
    );
    expect(messages).toHaveLength(1);
  });

  it('fails when the renderer imports src-main beyond core/api', async () => {
    const messages = await restrictedImportMessages(
      "import { startCore } from '../src-main/core/core.js';\nexport const x = startCore;\n",
      'src-renderer/example.ts',
    );
    expect(messages.join('\n')).toMatch(/only the API contract/);
  });

  it('lets the renderer import the API contract and the shells import electron', async () => {
    expect(
      await restrictedImportMessages(
        "import { API_VERSION } from '../src-main/core/api/contract.js';\nexport const x = API_VERSION;\n",
        'src-renderer/example.ts',
      ),
    ).toEqual([]);
    expect(
      await restrictedImportMessages(
        "import { app } from 'electron';\nexport const x = app;\n",
        'src-main/electron/example.ts',
      ),
    ).toEqual([]);
  });
});
