// ESM consumer: kennel loaded through import from the packed tarballs.
import { createKennel } from '@kennel/core';
import { kennelExpress } from '@kennel/express';
import { metricsPlugin } from '@kennel/metrics';
import express from 'express';
import serveOnce from './serve-once.cjs';

await serveOnce({ createKennel, kennelExpress, metricsPlugin, express }, 'esm');
