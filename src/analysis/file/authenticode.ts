// Authenticode: WIN_CERTIFICATE → PKCS#7 SignedData (asn1js); signer, chain as given, PE digest match, signature check.
import { createHash, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { authenticodeDigest } from './authenticode-digest.ts';
import type { PeInfo } from './pe/types.ts';

export interface CertificateSummary {
  subject: string;
  issuer: string;
  /** Upper-case hex, as openssl prints it. */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  sha256Fingerprint: string;
  selfSigned: boolean;
}

export interface AuthenticodeReport {
  /** Number of WIN_CERTIFICATE entries in the certificate table. */
  entries: number;
  contentType: string;
  digestAlgorithm: string;
  /** The image hash the signer embedded (SpcIndirectDataContent). */
  embeddedDigest: string;
  /** The image hash computed here over the file. */
  computedDigest: string;
  /** False means the file was modified after signing. */
  digestMatches: boolean;
  /** messageDigest attribute == hash of the SpcIndirectDataContent. */
  messageDigestMatches: boolean;
  /** The signer's signature over the authenticated attributes verifies with the signer certificate's key. */
  signatureVerifies: boolean;
  /** digestMatches && messageDigestMatches && signatureVerifies (says nothing about trust). */
  valid: boolean;
  signingTime: string | null;
  hasCounterSignature: boolean;
  signer: CertificateSummary | null;
  /** Signer first, then each issuer found among the embedded certificates. */
  chain: CertificateSummary[];
  /** No trust store is consulted: a chain ending in a self-signed root is "untrusted-root". */
  chainStatus: 'self-signed' | 'untrusted-root' | 'incomplete' | 'no-signer';
  warnings: string[];
}

const DIGESTS: Record<string, string> = {
  '1.2.840.113549.2.5': 'md5', '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512',
};
const SPC_INDIRECT_DATA = '1.3.6.1.4.1.311.2.1.4';
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const SIGNING_TIME = '1.2.840.113549.1.9.5';
const COUNTER_SIGNATURES = ['1.2.840.113549.1.9.6', '1.3.6.1.4.1.311.3.3.1'];

const toHex = (v: ArrayBuffer | Uint8Array): string => Buffer.from(v instanceof Uint8Array ? v : new Uint8Array(v)).toString('hex');

/** Returns null when the PE carries no certificate table; otherwise a report (problems go to `warnings`, never thrown). */
export function analyzeAuthenticode(bytes: Uint8Array, pe: Pick<PeInfo, 'layout' | 'certificateTable'>): AuthenticodeReport | null {
  const table = pe.certificateTable;
  if (!table) return null;
  const report: AuthenticodeReport = {
    entries: 0, contentType: '', digestAlgorithm: '', embeddedDigest: '', computedDigest: '', digestMatches: false,
    messageDigestMatches: false, signatureVerifies: false, valid: false, signingTime: null, hasCounterSignature: false,
    signer: null, chain: [], chainStatus: 'no-signer', warnings: [],
  };
  const end = Math.min(bytes.length, table.offset + table.size);
  if (table.offset + table.size > bytes.length) report.warnings.push('certificate table extends past the end of the file');
  const pkcs7: Uint8Array[] = [];
  for (let p = table.offset; p + 8 <= end && report.entries < 16; ) {
    const length = Buffer.from(bytes.buffer, bytes.byteOffset + p, 8).readUInt32LE(0);
    const type = Buffer.from(bytes.buffer, bytes.byteOffset + p, 8).readUInt16LE(6);
    if (length < 8 || p + length > end) {
      report.warnings.push(`WIN_CERTIFICATE at 0x${p.toString(16)} has a bad length ${length}`);
      break;
    }
    report.entries++;
    if (type === 2) pkcs7.push(bytes.subarray(p + 8, p + length));
    else report.warnings.push(`WIN_CERTIFICATE type ${type} is not PKCS#7 SignedData`);
    p += (length + 7) & ~7;
  }
  const first = pkcs7[0];
  if (!first) {
    report.warnings.push('no PKCS#7 signature in the certificate table');
    return report;
  }
  try {
    inspectSignedData(bytes, pe, first, report);
  } catch (err) {
    report.warnings.push(`malformed PKCS#7 SignedData: ${err instanceof Error ? err.message : String(err)}`);
  }
  report.valid = report.digestMatches && report.messageDigestMatches && report.signatureVerifies;
  return report;
}

type Asn = asn1js.AsnType;

const isSequence = (n: Asn | undefined): n is asn1js.Sequence => n instanceof asn1js.Sequence;
const children = (n: Asn | undefined): Asn[] => (n instanceof asn1js.Constructed ? n.valueBlock.value : []);
/** A context-specific [n] element among `nodes` (IMPLICIT or EXPLICIT tagging both parse as constructed). */
const tagged = (nodes: Asn[], n: number): asn1js.Constructed | undefined =>
  nodes.find((v): v is asn1js.Constructed => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === n && v instanceof asn1js.Constructed);
const oidOf = (n: Asn | undefined): string => (n instanceof asn1js.ObjectIdentifier ? n.getValue() : '');
const der = (n: Asn): Uint8Array => new Uint8Array(n.valueBeforeDecodeView);

/**
 * Walks SignedData by hand (RFC 5652): version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls,
 * signerInfos. A schema-validating parser (pkijs) costs several times the decoding itself and is not needed to read
 * these fields; node's crypto parses the certificates and checks the signatures.
 */
function inspectSignedData(file: Uint8Array, pe: Pick<PeInfo, 'layout' | 'certificateTable'>, bytes: Uint8Array, report: AuthenticodeReport): void {
  const asn = asn1js.fromBER(new Uint8Array(bytes));
  if (asn.offset === -1) throw new Error(asn.result.error || 'BER decoding failed');
  const contentInfo = children(asn.result);
  const signedData = children(tagged(contentInfo, 0)?.valueBlock.value[0]);
  if (oidOf(contentInfo[0]) !== '1.2.840.113549.1.7.2' || signedData.length < 4) throw new Error('not a PKCS#7 SignedData');
  const encap = signedData.find((n, i) => i >= 2 && isSequence(n) && n.valueBlock.value[0] instanceof asn1js.ObjectIdentifier);
  report.contentType = oidOf(children(encap)[0]);
  if (report.contentType !== SPC_INDIRECT_DATA) report.warnings.push(`content type ${report.contentType} is not SpcIndirectDataContent`);

  // SpcIndirectDataContent ::= SEQUENCE { data SpcAttributeTypeAndOptionalValue, messageDigest DigestInfo }
  const spc = tagged(children(encap), 0)?.valueBlock.value[0];
  if (!isSequence(spc)) throw new Error('no SpcIndirectDataContent');
  const digestInfo = children(spc)[1];
  const algOid = oidOf(children(children(digestInfo)[0])[0]);
  const embedded = children(digestInfo)[1];
  const alg = DIGESTS[algOid];
  if (!alg || !(embedded instanceof asn1js.OctetString)) throw new Error(`unsupported or missing image digest algorithm ${algOid}`);
  report.digestAlgorithm = alg;
  report.embeddedDigest = toHex(embedded.valueBlock.valueHexView);
  report.computedDigest = authenticodeDigest(file, pe, alg);
  report.digestMatches = report.embeddedDigest === report.computedDigest;

  const x509s = children(tagged(signedData, 0)).flatMap((c) => {
    try {
      return [new X509Certificate(der(c))];
    } catch {
      report.warnings.push('an embedded certificate could not be parsed');
      return [];
    }
  });
  const signerInfos = children(signedData[signedData.length - 1]);
  // SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs OPTIONAL, signatureAlgorithm, signature, [1] unsignedAttrs OPTIONAL }
  const signerInfo = children(signerInfos[0]);
  if (signerInfo.length < 5) throw new Error('no SignerInfo');
  if (signerInfos.length > 1) report.warnings.push(`${signerInfos.length} signers; only the first is checked`);
  const serial = children(signerInfo[1])[1];
  const serialHex = serial instanceof asn1js.Integer ? toHex(serial.valueBlock.valueHexView).replace(/^(00)+(?=.)/, '').toUpperCase() : '';
  const signerAlg = DIGESTS[oidOf(children(signerInfo[2])[0])] ?? '';
  const signedAttrs = tagged(signerInfo, 0);
  const rest = signerInfo.slice(signedAttrs ? 4 : 3);
  const signature = rest.find((n): n is asn1js.OctetString => n instanceof asn1js.OctetString);
  const unsignedAttrs = tagged(signerInfo, 1);

  // Authenticated attributes: messageDigest must be the hash of the SpcIndirectDataContent's value bytes.
  const spcValue = valueBytes(der(spc));
  let signedBytes: Uint8Array = spcValue;
  if (signedAttrs) {
    // the signature covers the attributes DER-encoded as a SET OF (tag 0x31), not as the [0] IMPLICIT they travel in
    signedBytes = Uint8Array.from(der(signedAttrs));
    signedBytes[0] = 0x31;
    for (const attr of children(signedAttrs)) {
      const [type, values] = children(attr);
      const v = children(values)[0];
      if (oidOf(type) === MESSAGE_DIGEST && v instanceof asn1js.OctetString && signerAlg) {
        report.messageDigestMatches = toHex(v.valueBlock.valueHexView) === createHash(signerAlg).update(spcValue).digest('hex');
      } else if (oidOf(type) === SIGNING_TIME && (v instanceof asn1js.UTCTime || v instanceof asn1js.GeneralizedTime)) {
        report.signingTime = v.toDate().toISOString();
      }
    }
  } else if (signerAlg) {
    report.messageDigestMatches = true; // no attributes: the signature covers the content itself
  }
  report.hasCounterSignature = children(unsignedAttrs).some((a) => COUNTER_SIGNATURES.includes(oidOf(children(a)[0])));
  const signerCert = x509s.find((c) => c.serialNumber.replace(/^(00)+(?=.)/, '').toUpperCase() === serialHex);
  if (!signerCert || !signature) {
    report.warnings.push('the signer certificate is not among the embedded certificates');
    return;
  }
  try {
    report.signatureVerifies = signerAlg !== '' && verify(signerAlg, signedBytes, signerCert.publicKey, Buffer.from(signature.valueBlock.valueHexView));
  } catch (err) {
    report.warnings.push(`signature check failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const selfSigned = new Map<X509Certificate, boolean>();
  const isSelfSignedOnce = (c: X509Certificate): boolean => {
    let known = selfSigned.get(c);
    if (known === undefined) selfSigned.set(c, (known = isSelfSigned(c)));
    return known;
  };
  const chain = buildChain(signerCert, x509s, isSelfSignedOnce);
  report.chain = chain.map((c) => summarize(c, isSelfSignedOnce(c)));
  report.signer = report.chain[0] ?? null;
  const root = chain[chain.length - 1];
  const rootSelfSigned = root !== undefined && isSelfSignedOnce(root);
  report.chainStatus = rootSelfSigned ? (chain.length === 1 ? 'self-signed' : 'untrusted-root') : 'incomplete';
  const now = Date.now();
  if (chain.some((c) => Date.parse(c.validTo) < now || Date.parse(c.validFrom) > now)) report.warnings.push('a certificate in the chain is outside its validity period');
}

/** The contents octets of a DER TLV (drops tag and length). */
function valueBytes(tlv: Uint8Array): Uint8Array {
  const lengthByte = tlv[1] ?? 0;
  return tlv.subarray(lengthByte < 0x80 ? 2 : 2 + (lengthByte & 0x7f));
}

function isSelfSigned(c: X509Certificate): boolean {
  return c.checkIssued(c) && c.verify(c.publicKey);
}

function buildChain(leaf: X509Certificate, pool: X509Certificate[], selfSigned: (c: X509Certificate) => boolean): X509Certificate[] {
  const chain = [leaf];
  let current = leaf;
  while (chain.length < 10 && !selfSigned(current)) {
    const issuer = pool.find((c) => !chain.includes(c) && current.checkIssued(c) && current.verify(c.publicKey));
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

function summarize(c: X509Certificate, selfSigned: boolean): CertificateSummary {
  return {
    subject: c.subject.split('\n').join(', '),
    issuer: c.issuer.split('\n').join(', '),
    serialNumber: c.serialNumber.toUpperCase(),
    notBefore: new Date(c.validFrom).toISOString(),
    notAfter: new Date(c.validTo).toISOString(),
    sha256Fingerprint: c.fingerprint256.replaceAll(':', '').toLowerCase(),
    selfSigned,
  };
}
