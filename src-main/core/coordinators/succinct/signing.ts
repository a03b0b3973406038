// How the Succinct network authenticates a call (succinct-network.md §3): the signature covers the protobuf
// encoding of the body message alone, hashed as an EIP-191 personal message, 65 bytes r ‖ s ‖ v (v = 27/28),
// with format = BINARY. protobuf-es writes fields in declaration (= field-number) order and leaves proto3
// defaults out, as prost does, so the bytes signed here are the bytes the server hashes.
import { toBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { recoverPersonalMessageSigner } from '../../secrets/eth-signer.js';
import type { Signer } from '../../secrets/signing-keys.js';
import { MessageFormat } from './gen/types_pb.js';

export interface SignedEnvelope<Body> {
  format: MessageFormat;
  signature: Uint8Array;
  body: Body;
}

export function signBody<S extends DescMessage>(schema: S, body: MessageShape<S>, signer: Signer): SignedEnvelope<MessageShape<S>> {
  return { format: MessageFormat.BINARY, signature: signer.signPersonal(toBinary(schema, body)), body };
}

/** The address that signed this body (server side). JSON-format bodies are not accepted: provers always send BINARY. */
export function recoverBodySigner<S extends DescMessage>(schema: S, envelope: { format: MessageFormat; signature: Uint8Array; body?: MessageShape<S> }): Uint8Array {
  if (!envelope.body) throw new Error('the request has no body');
  if (envelope.format !== MessageFormat.BINARY) throw new Error(`message format ${MessageFormat[envelope.format] ?? envelope.format} is not supported here; sign the BINARY body`);
  return recoverPersonalMessageSigner(toBinary(schema, envelope.body), envelope.signature);
}
