import type { ClusterDiagnostics } from '../contracts';

/**
 * Where diagnostics read the cross-replica bus's state. The cluster module provides it (its bus has this
 * `state()`); until it is registered diagnostics show `cluster: null`.
 */
export interface ClusterStateSource {
  state(): ClusterDiagnostics;
}

export const CLUSTER_STATE_SOURCE = Symbol('CLUSTER_STATE_SOURCE');
