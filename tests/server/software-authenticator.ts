/**
 * A passkey authenticator in Node, for the server tests: an ES256 key made with node:crypto, and
 * the WebAuthn answers a browser would send (attestation "none", then signed assertions), built
 * byte by byte as the WebAuthn spec lays them out. Only what the tests need; not a general one.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64url = (data: Buffer) => data.toString('base64url');

type Cbor = number | string | Uint8Array | Map<number | string, unknown>;

/** CBOR (RFC 8949) for the few types an attestation holds: integers, byte and text strings, maps. */
function cbor(value: Cbor): Buffer {
	const head = (major: number, n: number) => {
		if (n < 24) return Buffer.from([(major << 5) | n]);
		if (n < 256) return Buffer.from([(major << 5) | 24, n]);
		const b = Buffer.alloc(3);
		b[0] = (major << 5) | 25;
		b.writeUInt16BE(n, 1);
		return b;
	};
	if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
	if (typeof value === 'string') {
		const bytes = Buffer.from(value, 'utf8');
		return Buffer.concat([head(3, bytes.length), bytes]);
	}
	if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
	const parts: Uint8Array[] = [head(5, value.size)];
	for (const [k, v] of value) {
		parts.push(cbor(k), cbor(v as Cbor));
	}
	return Buffer.concat(parts);
}

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_DATA = 0x40;

export class SoftwareAuthenticator {
	readonly credentialId = randomBytes(16);
	private readonly privateKey: KeyObject;
	private readonly publicKey: KeyObject;
	private counter = 0;
	/** The user handle the site gave at registration (sent back when signing in). */
	private userHandle = '';

	constructor(private readonly origin: string) {
		const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		this.privateKey = pair.privateKey;
		this.publicKey = pair.publicKey;
	}

	private get rpIdHash(): Buffer {
		return sha256(new URL(this.origin).hostname);
	}

	private clientData(type: string, challenge: string): Buffer {
		return Buffer.from(
			JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }),
			'utf8',
		);
	}

	/** The browser's answer to registration options (`navigator.credentials.create`). */
	create(options: { challenge: string; rp: { id?: string; name?: string }; user: { id: string } }) {
		if (options.rp.id && options.rp.id !== new URL(this.origin).hostname) {
			throw new Error(`The site asked for rp ${options.rp.id}, not this page's host`);
		}
		this.userHandle = options.user.id;
		const jwk = this.publicKey.export({ format: 'jwk' });
		const coseKey = cbor(
			new Map<number, Cbor>([
				[1, 2], // kty: EC2
				[3, -7], // alg: ES256
				[-1, 1], // crv: P-256
				[-2, Buffer.from(jwk.x!, 'base64url')],
				[-3, Buffer.from(jwk.y!, 'base64url')],
			]),
		);
		const idLength = Buffer.alloc(2);
		idLength.writeUInt16BE(this.credentialId.length);
		const authData = Buffer.concat([
			this.rpIdHash,
			Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED | FLAG_ATTESTED_DATA]),
			Buffer.alloc(4), // sign count 0
			Buffer.alloc(16), // AAGUID: none
			idLength,
			this.credentialId,
			coseKey,
		]);
		const attestationObject = cbor(
			new Map<string, Cbor>([
				['fmt', 'none'],
				['attStmt', new Map()],
				['authData', authData],
			]),
		);
		return {
			id: b64url(this.credentialId),
			rawId: b64url(this.credentialId),
			type: 'public-key',
			response: {
				clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge)),
				attestationObject: b64url(attestationObject),
				transports: ['internal'],
			},
			clientExtensionResults: {},
			authenticatorAttachment: 'platform',
		};
	}

	/** The browser's answer to sign-in options (`navigator.credentials.get`), signed with the key. */
	get(options: { challenge: string; rpId?: string }) {
		const counter = Buffer.alloc(4);
		counter.writeUInt32BE(++this.counter);
		const authData = Buffer.concat([
			this.rpIdHash,
			Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED]),
			counter,
		]);
		const clientData = this.clientData('webauthn.get', options.challenge);
		const signature = sign(
			'sha256',
			Buffer.concat([authData, sha256(clientData)]),
			this.privateKey,
		);
		return {
			id: b64url(this.credentialId),
			rawId: b64url(this.credentialId),
			type: 'public-key',
			response: {
				clientDataJSON: b64url(clientData),
				authenticatorData: b64url(authData),
				signature: b64url(signature),
				userHandle: this.userHandle,
			},
			clientExtensionResults: {},
			authenticatorAttachment: 'platform',
		};
	}
}
