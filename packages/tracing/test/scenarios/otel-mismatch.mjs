// With `--import ./newer-otel-api.mjs`: the app's @opentelemetry/api is newer than dd-trace's, so
// OTel's global registry hides dd-trace's provider from it and the app's spans go nowhere. kennel
// must say so.
import { trace } from '@opentelemetry/api';
import { createKennel } from '@kennel/core';
import { tracingPlugin } from '@kennel/tracing';

const kennel = await createKennel({ plugins: [tracingPlugin({ opentelemetry: true })] });
const span = trace.getTracer('app').startSpan('lost');
const recording = span.isRecording();
span.end();
await kennel.shutdown();
console.log(JSON.stringify({ recording }));
