CREATE TABLE "images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid,
	"user_id" uuid,
	"content_type" text NOT NULL,
	"bytes" bytea NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"color" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "images_one_owner" CHECK (("images"."event_id" is null) <> ("images"."user_id" is null))
);
--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "location" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "location_type" text DEFAULT 'venue' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "online_url" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "attendees_visible" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "images_event_id_key" ON "images" USING btree ("event_id") WHERE "images"."event_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "images_user_id_key" ON "images" USING btree ("user_id") WHERE "images"."user_id" is not null;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_location_type_check" CHECK ("events"."location_type" in ('venue', 'online'));