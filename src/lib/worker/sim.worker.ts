/**
 * The simulation worker: a thin shell that exposes the sim/ facade through Comlink. All model
 * logic lives in sim/; this file only converts calls and transfers frame buffers.
 */
import * as Comlink from 'comlink';
import { createSimApi } from './api';

Comlink.expose(createSimApi((value, buffers) => Comlink.transfer(value, buffers)));
