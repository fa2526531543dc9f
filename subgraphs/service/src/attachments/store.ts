import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { AwsClient } from 'aws4fetch';
import type { ServiceEnv } from '../env.ts';

/**
 * Where attachment bytes live. One interface, two stores: a folder on disk (the default) and an
 * S3-compatible bucket (AWS S3, MinIO, Ceph, R2), chosen by `ATTACHMENT_STORE`. Keys are
 * `<ticket id>/<attachment id>`, never anything a caller typed.
 */
export interface AttachmentStore {
  readonly kind: 'disk' | 's3';
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;
const checkKey = (key: string) => {
  if (!KEY.test(key)) throw new Error(`not an attachment key: ${key}`);
  return key;
};

export function diskStore(dir: string): AttachmentStore {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    const p = resolve(root, checkKey(key));
    if (!p.startsWith(root + sep)) throw new Error('attachment key escapes the folder');
    return p;
  };
  return {
    kind: 'disk',
    async put(key, bytes) {
      const p = pathOf(key);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, bytes);
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** An S3-compatible bucket over its REST API (SigV4-signed, path-style `<endpoint>/<bucket>/<key>`). */
export function s3Store(o: {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}): AttachmentStore {
  const aws = new AwsClient({
    accessKeyId: o.accessKeyId,
    secretAccessKey: o.secretAccessKey,
    region: o.region,
    service: 's3',
    retries: 2,
  });
  const url = (key: string) => `${o.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(o.bucket)}/${checkKey(key)}`;
  const fail = async (what: string, res: Response) => {
    const text = await res.text().catch(() => '');
    throw new Error(`S3 ${what} answered ${res.status}: ${text.slice(0, 300)}`);
  };
  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      const res = await aws.fetch(url(key), {
        method: 'PUT',
        body: new Uint8Array(bytes),
        headers: { 'content-type': contentType, 'content-length': String(bytes.length) },
      });
      if (!res.ok) await fail('PUT', res);
      await res.arrayBuffer();
    },
    async get(key) {
      const res = await aws.fetch(url(key), { method: 'GET' });
      if (res.status === 404) {
        await res.arrayBuffer();
        return null;
      }
      if (!res.ok) await fail('GET', res);
      return Buffer.from(await res.arrayBuffer());
    },
    async delete(key) {
      const res = await aws.fetch(url(key), { method: 'DELETE' });
      if (!res.ok && res.status !== 404) await fail('DELETE', res);
      await res.arrayBuffer();
    },
  };
}

/** The store this deployment configured; S3 without its settings refuses to start, naming them. */
export function attachmentStore(env: ServiceEnv): AttachmentStore {
  if (env.ATTACHMENT_STORE === 'disk') return diskStore(env.ATTACHMENT_DIR);
  const missing = (['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter(
    (k) => !env[k],
  );
  if (missing.length) throw new Error(`ATTACHMENT_STORE=s3 needs ${missing.join(', ')}`);
  return s3Store({
    endpoint: env.S3_ENDPOINT ?? '',
    bucket: env.S3_BUCKET ?? '',
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
  });
}
