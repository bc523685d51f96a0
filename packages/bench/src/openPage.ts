import { kmopEntityViewChannel } from '@kmop/plugin-kmop-common';
import WebSocket from 'ws';
import { connect } from './livePage';

// As the entity page (`useKmopEntityView` in plugins/kmop) reads its view.
/** Signals this close together cause one read. */
const SIGNAL_GATHER_MS = 500;
/** `kmop.ui.signalRefreshIntervalSeconds`' default: the slow poll while signals are connected. */
export const SIGNAL_REFRESH_INTERVAL_S = 300;

/** What one open page did. */
export interface PageReads {
  /** Reads answered with a view (`200`). */
  views: number;
  /** Reads answered `304` (the page's ETag was current). */
  notModified: number;
  signals: number;
  errors: number;
  firstError?: string;
}

/**
 * A client that holds an entity's KMOP tab open the way the page does: reads the
 * view, subscribes to the entity's signal channel, reads again 500 ms after
 * the last of a burst of signals (one read at a time; a signal during a read
 * causes one more), and polls every `signalRefreshIntervalSeconds`, always
 * with `If-None-Match` once it holds an ETag.
 */
export class OpenPage {
  readonly reads: PageReads = {
    views: 0,
    notModified: 0,
    signals: 0,
    errors: 0,
  };
  private etag?: string;
  private inFlight?: Promise<void>;
  private again = false;
  private gather?: NodeJS.Timeout;
  private readonly poll: NodeJS.Timeout;

  private constructor(
    private readonly options: {
      baseUrl: string;
      token: string;
      viewPath: string;
    },
    private readonly socket: WebSocket,
  ) {
    socket.on('message', () => {
      this.reads.signals++;
      clearTimeout(this.gather);
      this.gather = setTimeout(() => this.read(true), SIGNAL_GATHER_MS);
    });
    this.poll = setInterval(
      () => this.read(false),
      SIGNAL_REFRESH_INTERVAL_S * 1000,
    );
  }

  /** Opens the page of `entityRef`: connects, subscribes and reads the view once. */
  static async open(options: {
    baseUrl: string;
    token: string;
    entityRef: string;
    viewPath: string;
  }): Promise<OpenPage> {
    const socket = await connect(
      `${options.baseUrl.replace(/^http/, 'ws')}/api/signals`,
      options.token,
    );
    socket.send(
      JSON.stringify({
        action: 'subscribe',
        channel: kmopEntityViewChannel(options.entityRef),
      }),
    );
    const page = new OpenPage(options, socket);
    page.read(false);
    await page.settled();
    return page;
  }

  /** Resolves when no read is in flight. */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  close(): void {
    clearInterval(this.poll);
    clearTimeout(this.gather);
    this.socket.terminate();
  }

  private read(afterChange: boolean): void {
    if (this.inFlight) {
      // A poll can be skipped; a signalled change must still be read.
      this.again ||= afterChange;
      return;
    }
    this.inFlight = this.fetchView().finally(() => {
      this.inFlight = undefined;
      if (this.again) {
        this.again = false;
        this.read(true);
      }
    });
  }

  private async fetchView(): Promise<void> {
    const { baseUrl, token, viewPath } = this.options;
    try {
      const res = await fetch(`${baseUrl}${viewPath}`, {
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(this.etag ? { 'if-none-match': this.etag } : {}),
        },
      });
      const body = await res.text();
      if (res.status === 304) {
        this.reads.notModified++;
      } else if (res.status === 200) {
        this.reads.views++;
        this.etag = res.headers.get('etag') ?? undefined;
      } else {
        this.reads.errors++;
        this.reads.firstError ??= `${res.status} ${body.slice(0, 300)}`;
      }
    } catch (error) {
      this.reads.errors++;
      this.reads.firstError ??= String(error);
    }
  }
}
