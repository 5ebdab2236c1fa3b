import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LiveClient } from '@roundtable/client';
import type { Recorder } from './observations.ts';
import { readMachine, type MachineSample, type ProcSample } from './proc.ts';
import type { ServerProcess } from './server-process.ts';

/** The measurement window as the kernel and the generator saw it. */
export interface Window {
  /** performance.now() at the window's start. */
  readonly startedAt: number;
  readonly seconds: number;
  readonly server: { readonly before: ProcSample; readonly after: ProcSample };
  /** The whole machine, to see how much CPU other work took from the bench. */
  readonly machine: { readonly before: MachineSample; readonly after: MachineSample };
  readonly generatorCpuSeconds: number;
  readonly generatorLoopDelayP99Ms: number;
  readonly generatorLoopDelayMaxMs: number;
}

interface Edge {
  readonly at: number;
  readonly server: ProcSample;
  readonly machine: MachineSample;
  readonly cpu: NodeJS.CpuUsage;
}

/** Samples the kernel and the generator at the window's edges and runs the probes inside it. */
export class WindowMeter {
  private readonly server: ServerProcess;
  private readonly recorder: Recorder;
  private readonly pingClient: LiveClient;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 5 });
  private start: Edge | null = null;
  private stopPing = () => {};

  constructor(server: ServerProcess, recorder: Recorder, pingClient: LiveClient) {
    this.server = server;
    this.recorder = recorder;
    this.pingClient = pingClient;
  }

  open(): void {
    this.recorder.recording = true;
    this.loopDelay.enable();
    this.start = this.edge();
    this.stopPing = startPing(this.pingClient, this.recorder);
  }

  close(): Window {
    const start = this.start;
    if (!start) throw new Error('the window was closed before it was opened');
    const end = this.edge();
    const cpu = process.cpuUsage(start.cpu);
    this.recorder.recording = false;
    this.loopDelay.disable();
    this.stopPing();
    return {
      startedAt: start.at,
      seconds: (end.at - start.at) / 1000,
      server: { before: start.server, after: end.server },
      machine: { before: start.machine, after: end.machine },
      generatorCpuSeconds: (cpu.user + cpu.system) / 1e6,
      generatorLoopDelayP99Ms: this.loopDelay.percentile(99) / 1e6,
      generatorLoopDelayMaxMs: this.loopDelay.max / 1e6,
    };
  }

  private edge(): Edge {
    return {
      at: performance.now(),
      server: this.server.sample(),
      machine: readMachine(),
      cpu: process.cpuUsage(),
    };
  }
}

/** Times a bare clock round trip every 100 ms: the server's responsiveness apart from the work. */
function startPing(client: LiveClient, recorder: Recorder): () => void {
  const timer = setInterval(() => {
    const sentAt = performance.now();
    // Unanswered within the client's ack timeout, the reply is an `internal` refusal.
    void client.ask('clock', Date.now()).then((reply) => {
      if (!('ok' in reply) || reply.error.code !== 'internal')
        recorder.pingRtt.push(performance.now() - sentAt);
      // A ping still in flight when the bench closes its clients is not the server's fault.
      else if (client.connected) recorder.errors.add('clock ping timed out');
    });
  }, 100);
  return () => clearInterval(timer);
}
