// Once before every Vitest worker starts: builds the native test libraries the GPU tests load (the stand-in NVIDIA
// driver and the emulated GPU kernels), so workers never build them at the same time.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync('make', ['-s', 'test-libraries'], { cwd: fileURLToPath(new URL('../native/', import.meta.url)), stdio: 'inherit' });
}
