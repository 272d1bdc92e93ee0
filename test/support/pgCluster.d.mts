export interface ClusterInfo {
  /** postgresql://postgres@127.0.0.1:PORT/postgres (trust auth, no password). */
  url: string;
  port: number;
  /** The cluster's data folder (inside baseDir). */
  dataDir: string;
  /** Temporary folder holding data, socket and server.log; removed by stop. */
  baseDir: string;
  binDir: string;
  /** The unprivileged user the server runs as when this process is root. */
  runAs?: { name: string; uid: number; gid: number };
}

export interface RunningCluster extends ClusterInfo {
  stop(): Promise<void>;
}

export function findPgBin(): string | undefined;
export function startCluster(options?: { stopOnExit?: boolean }): Promise<RunningCluster>;
export function stopCluster(cluster: ClusterInfo): Promise<void>;
