CREATE TABLE "stream_events" (
	"stream" text NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stream_events_pk" PRIMARY KEY("stream","seq"),
	CONSTRAINT "stream_events_seq" CHECK ("stream_events"."seq" > 0)
);
--> statement-breakpoint
CREATE TABLE "stream_heads" (
	"stream" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL
);
