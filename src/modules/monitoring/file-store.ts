import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { storageConfig, StorageConfig } from '../../config/configuration';

/**
 * Uploaded files on disk under the configured STORAGE_DIR (a volume in production). A file is
 * written to a temporary name, flushed to disk and renamed, so a crash never leaves half a
 * file under its key. Keys are made here, never from user input.
 */
@Injectable()
export class FileStore {
  private readonly root: string;

  constructor(@Inject(storageConfig.KEY) config: StorageConfig) {
    this.root = resolve(config.dir);
  }

  /** Stores `data` under a new key `<folder>/<random>.<ext>` and returns the key. */
  async put(folder: string, ext: string, data: Buffer): Promise<string> {
    const key = `${folder}/${randomBytes(16).toString('hex')}.${ext}`;
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.tmp`;
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    return key;
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  private pathOf(key: string): string {
    if (!/^[a-z0-9/-]+\/[0-9a-f]{32}\.(jpg|png)$/.test(key)) {
      throw new Error(`file store: bad key ${key}`);
    }
    return join(this.root, key);
  }
}
