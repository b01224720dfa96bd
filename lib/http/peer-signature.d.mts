// Types of lib/http/peer-signature.mjs.
export declare const peerIpHeader: "x-logwell-peer-ip";
export declare const peerSignatureHeader: "x-logwell-peer-sig";
export declare function signPeerIp(ip: string, secret: string): string;
