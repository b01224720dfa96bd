import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server in the test process (smtp-server), parsing each mail as a client would
// (mailparser): what the email channel sent, recipient by recipient.

export interface Mail {
  /** The SMTP envelope's recipients (RCPT TO). */
  rcpt: string[];
  to: string;
  from: string;
  subject: string;
  messageId: string;
  text: string;
  html: string;
}

export interface SmtpReceiver {
  url: string;
  port: number;
  mails: Mail[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(port = 0): Promise<SmtpReceiver> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no self-signed STARTTLS for nodemailer to refuse.
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
          mails.push({
            rcpt: session.envelope.rcptTo.map((r) => r.address),
            to: to?.text ?? "",
            from: parsed.from?.text ?? "",
            subject: parsed.subject ?? "",
            messageId: parsed.messageId ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    port: bound,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
