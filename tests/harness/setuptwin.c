// The harness's timed setup loop (ContainerSetup.Run, one worker) in C: the same calls in the same order
// with the same flags, on the same fixture, so that the harness's setup latencies can be checked against
// a program with no runtime of ours in them. Per setup, per-layer: for each layer open_tree(OPEN_TREE_CLONE),
// mount_setattr(MOUNT_ATTR_IDMAP), move_mount onto workers/0/idmapped/N, close; the overlay mount (mount(2),
// or an fs context with one lowerdir+ per layer when the options pass mount(2)'s page); umount2(MNT_DETACH)
// of each idmapped layer; umount2(merged, 0). common-parent: the same for the layers' parent onto
// workers/0/parent once, the overlay over its subdirectories, one detach. Every call is bracketed by two
// clock reads, as the harness times each call. Root; unshares its own mount namespace and makes / private,
// mounts a tmpfs on /tmp/mountsim-setuptwin-XXXXXX there (the host sees an empty directory, removed at exit).
// gcc -O2 -o setuptwin tests/harness/setuptwin.c && ./setuptwin per-layer 50 2000
// Prints p50/p90/p99/max of the whole setups in microseconds (quantiles as the harness's: the value at rank
// ceil(q n)), after one untimed warm-up setup and a 100 ms pause, pinned to CPU 0 (or CPU; the harness's
// one-thread spread placement here).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_open_tree
#define SYS_open_tree 428
#define SYS_move_mount 429
#define SYS_fsopen 430
#define SYS_fsconfig 431
#define SYS_fsmount 432
#endif
#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif
#define OPEN_TREE_CLONE_ 1
#define MOVE_MOUNT_F_EMPTY_PATH_ 4
#define MOUNT_ATTR_IDMAP_ 0x00100000ULL
#define FSCONFIG_SET_STRING_ 1
#define FSCONFIG_CMD_CREATE_ 6
#define MAX_MOUNT_DATA 4000 /* ContainerSetup.MaxMountData: mount(2) copies one page of options */
#define MAPPED_ROOT 100000
#define MAX_LAYERS 500
#define PATH_LEN 256

struct mount_attr_ { unsigned long long attr_set, attr_clr, propagation, userns_fd; };

static char base[] = "/tmp/mountsim-setuptwin-XXXXXX";
static int mounted;
static char layers_dir[PATH_LEN], parent[PATH_LEN], merged[PATH_LEN], upper[PATH_LEN], work[PATH_LEN];
static char layer[MAX_LAYERS][PATH_LEN], idmapped[MAX_LAYERS][PATH_LEN], parent_sub[MAX_LAYERS][PATH_LEN];
static const char *attached[MAX_LAYERS + 2];
static int nattached;
static int userns = -1;
static volatile double call_us; /* where each call's time goes, as the harness records every call */

static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e6+t.tv_nsec/1e3;}
static int cmp(const void*a,const void*b){double x=*(const double*)a,y=*(const double*)b;return x<y?-1:x>y;}

/* Everything this program mounted is in its own namespace; the host keeps an empty directory, removed here. */
static void cleanup(void){
  for(int i=nattached-1;i>=0;i--) umount2(attached[i],MNT_DETACH);
  nattached=0;
  if(mounted){umount2(base,MNT_DETACH);mounted=0;}
  rmdir(base);}
static void on_signal(int s){cleanup();signal(s,SIG_DFL);raise(s);}
static void die(const char*what,const char*path){
  fprintf(stderr,"setuptwin: %s %s: %s\n",what,path?path:"",strerror(errno));exit(1);}

static long check(long r,const char*what,const char*path,double start){
  int e=errno; call_us=now()-start; errno=e;
  if(r<0) die(what,path);
  return r;}
static void attach(const char*p){attached[nattached++]=p;}
static void forget(const char*p){
  for(int i=nattached-1;i>=0;i--) if(attached[i]==p){attached[i]=attached[--nattached];return;}}

/* snprintf into a path buffer; a path that does not fit is an error, never a truncated path. */
static void path(char*dst,const char*fmt,...){
  va_list a; va_start(a,fmt); int len=vsnprintf(dst,PATH_LEN,fmt,a); va_end(a);
  if(len<0||len>=PATH_LEN){fprintf(stderr,"setuptwin: path too long: %s\n",dst);exit(1);}}

static void write_file(const char*path,const char*text,int owner){
  int fd=open(path,O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC,0644);
  if(fd<0||write(fd,text,strlen(text))!=(ssize_t)strlen(text)) die("write",path);
  close(fd);
  if(owner>=0&&chown(path,owner,owner)) die("chown",path);}
static void make_dir(const char*path,int owner){
  if(mkdir(path,0755)&&errno!=EEXIST) die("mkdir",path);
  if(owner>=0&&chown(path,owner,owner)) die("chown",path);}

/* LayerFixture.Build: 1 (lowest) to n (top), each with its own file and a shadowed one. */
static void build_layers(int n){
  char p[PATH_LEN],text[PATH_LEN];
  make_dir(layers_dir,-1);
  for(int l=1;l<=n;l++){
    const char*d=layer[l-1];
    make_dir(d,-1);
    if(l==1){
      path(p,"%s/root_file",d); write_file(p,"owned by root\n",-1);
      path(p,"%s/user1000_file",d); write_file(p,"owned by 1000\n",1000);
      path(p,"%s/dir1000",d); make_dir(p,1000);
      path(p,"%s/dir1000/inner",d); write_file(p,"inside a directory owned by 1000\n",1000);
    } else {
      path(p,"%s/layer%d_file",d,l); path(text,"only in layer %d\n",l); write_file(p,text,-1);}
    if(l==n){path(p,"%s/top_only",d); write_file(p,"only in the top layer\n",-1);}
    path(p,"%s/shadowed",d);
    if(l==n) path(text,"from layer %d (top)\n",l); else path(text,"from layer %d\n",l);
    write_file(p,text,-1);}}

/* UserNamespace.Create: a helper unshares a user namespace, its maps are written, its fd kept. */
static int make_userns(void){
  int ready[2]; char c=0,p[64];
  if(pipe(ready)) die("pipe",NULL);
  pid_t helper=fork();
  if(helper<0) die("fork",NULL);
  if(helper==0){
    if(unshare(CLONE_NEWUSER)) _exit(1);
    if(write(ready[1],&c,1)!=1) _exit(1);
    pause(); _exit(0);}
  if(read(ready[0],&c,1)!=1) die("user namespace helper",NULL);
  path(p,"/proc/%d/uid_map",helper); write_file(p,"0 100000 65536",-1);
  path(p,"/proc/%d/gid_map",helper); write_file(p,"0 100000 65536",-1);
  path(p,"/proc/%d/ns/user",helper);
  int fd=open(p,O_RDONLY|O_CLOEXEC);
  if(fd<0) die("open",p);
  kill(helper,SIGKILL); waitpid(helper,NULL,0); close(ready[0]); close(ready[1]);
  return fd;}

static long open_idmapped_clone(const char*source){
  double t=now();
  long fd=check(syscall(SYS_open_tree,AT_FDCWD,source,OPEN_TREE_CLONE_|O_CLOEXEC),"open_tree_clone",source,t);
  struct mount_attr_ attr={.attr_set=MOUNT_ATTR_IDMAP_,.userns_fd=(unsigned long long)userns};
  t=now();
  check(syscall(SYS_mount_setattr,fd,"",AT_EMPTY_PATH,&attr,sizeof attr),"mount_setattr_idmap",source,t);
  return fd;}

static void close_timed(long fd){double t=now(); close((int)fd); call_us=now()-t;}

static void attach_idmapped(const char*source,const char*target){
  long fd=open_idmapped_clone(source);
  double t=now();
  check(syscall(SYS_move_mount,fd,"",AT_FDCWD,target,MOVE_MOUNT_F_EMPTY_PATH_),"move_mount",target,t);
  attach(target);
  close_timed(fd);}

static void mount_overlay(const char*data,char lowers[][PATH_LEN],int n){
  double t;
  if(strlen(data)<=MAX_MOUNT_DATA){
    t=now(); check(mount("overlay",merged,"overlay",0,data),"overlay_mount",merged,t); attach(merged); return;}
  t=now(); long fs=check(syscall(SYS_fsopen,"overlay",1),"fsopen","overlay",t);
  for(int i=n-1;i>=0;i--){t=now(); check(syscall(SYS_fsconfig,fs,FSCONFIG_SET_STRING_,"lowerdir+",lowers[i],0),"fsconfig_lowerdir",lowers[i],t);}
  t=now(); check(syscall(SYS_fsconfig,fs,FSCONFIG_SET_STRING_,"upperdir",upper,0),"fsconfig_upperdir",upper,t);
  t=now(); check(syscall(SYS_fsconfig,fs,FSCONFIG_SET_STRING_,"workdir",work,0),"fsconfig_workdir",work,t);
  t=now(); check(syscall(SYS_fsconfig,fs,FSCONFIG_CMD_CREATE_,NULL,NULL,0),"fsconfig_create",merged,t);
  t=now(); long mfd=check(syscall(SYS_fsmount,fs,1,0),"fsmount",merged,t);
  t=now(); check(syscall(SYS_move_mount,mfd,"",AT_FDCWD,merged,MOVE_MOUNT_F_EMPTY_PATH_),"move_mount_overlay",merged,t);
  attach(merged);
  close_timed(mfd);
  close_timed(fs);}

static void detach(const char*target){
  double t=now(); check(umount2(target,MNT_DETACH),"umount_detach",target,t); forget(target);}

static char *overlay_data(char lowers[][PATH_LEN],int n){
  size_t size=64+strlen(upper)+strlen(work); for(int i=0;i<n;i++) size+=strlen(lowers[i])+1;
  char*data=malloc(size),*p=data;
  p+=sprintf(p,"lowerdir=");
  for(int i=n-1;i>=0;i--) p+=sprintf(p,"%s%s",lowers[i],i?":":"");
  sprintf(p,",upperdir=%s,workdir=%s",upper,work);
  return data;}

int main(int argc,char**argv){
  int per_layer=argc>1&&!strcmp(argv[1],"per-layer"), common=argc>1&&!strcmp(argv[1],"common-parent");
  int n=argc>2?atoi(argv[2]):0, setups=argc>3?atoi(argv[3]):0, cpu=argc>4?atoi(argv[4]):0;
  if((!per_layer&&!common)||n<1||n>MAX_LAYERS||setups<1){
    fprintf(stderr,"usage: setuptwin per-layer|common-parent LAYERS SETUPS [CPU]\n");return 2;}
  cpu_set_t one; CPU_ZERO(&one); CPU_SET(cpu,&one);
  if(sched_setaffinity(0,sizeof one,&one)) die("sched_setaffinity",argv[4]);
  if(unshare(CLONE_NEWNS)) die("unshare",NULL);
  if(mount(NULL,"/",NULL,MS_REC|MS_PRIVATE,NULL)) die("make / private",NULL);
  if(!mkdtemp(base)) die("mkdtemp",base);
  atexit(cleanup); signal(SIGINT,on_signal); signal(SIGTERM,on_signal);
  if(mount("tmpfs",base,"tmpfs",0,"mode=0755")) die("mount tmpfs",base);
  mounted=1;

  /* WorkDirectory.Prepare: the layers, and the probe tmpfs (one more mount in the table, as the harness has). */
  char probe[PATH_LEN],p[PATH_LEN];
  path(layers_dir,"%s/layers",base);
  for(int i=0;i<n;i++) path(layer[i],"%s/%d",layers_dir,i+1);
  build_layers(n);
  path(probe,"%s/probe",base); make_dir(probe,-1);
  if(mount("tmpfs",probe,"tmpfs",0,"mode=0755")) die("mount tmpfs",probe);
  path(p,"%s/a",probe); make_dir(p,-1);
  path(p,"%s/a/b",probe); make_dir(p,-1);
  path(p,"%s/a/b/c",probe); make_dir(p,-1);
  path(p,"%s/a/b/c/file",probe); write_file(p,"probe\n",-1);

  /* ContainerSetup's constructor: worker 0's targets; upper and work belong to the container's root. */
  path(p,"%s/workers",base); make_dir(p,-1);
  path(p,"%s/workers/0",base); make_dir(p,-1);
  path(p,"%s/workers/0/idmapped",base); make_dir(p,-1);
  for(int i=0;i<n;i++){
    path(idmapped[i],"%s/workers/0/idmapped/%d",base,i+1); make_dir(idmapped[i],-1);
    path(parent_sub[i],"%s/workers/0/parent/%d",base,i+1);}
  path(parent,"%s/workers/0/parent",base); make_dir(parent,-1);
  path(merged,"%s/workers/0/merged",base); make_dir(merged,-1);
  path(upper,"%s/workers/0/upper",base); make_dir(upper,MAPPED_ROOT);
  path(work,"%s/workers/0/work",base); make_dir(work,MAPPED_ROOT);
  char*per_layer_data=overlay_data(idmapped,n), *common_parent_data=overlay_data(parent_sub,n);
  userns=make_userns();

  double*us=malloc(sizeof(double)*setups);
  for(int s=-1;s<setups;s++){
    double start=now();
    if(per_layer){
      for(int i=0;i<n;i++) attach_idmapped(layer[i],idmapped[i]);
      mount_overlay(per_layer_data,idmapped,n);
      for(int i=0;i<n;i++) detach(idmapped[i]);
    } else {
      attach_idmapped(layers_dir,parent);
      mount_overlay(common_parent_data,parent_sub,n);
      detach(parent);}
    double t=now(); check(umount2(merged,0),"umount_overlay",merged,t); forget(merged);
    if(s>=0) us[s]=now()-start;
    /* As the harness's workers wait while its probes take their 100 ms idle baseline: without the pause the first
       few hundred setups after building the layers ran up to 1.3x slower here (common-parent, 50 layers). */
    else usleep(100000);}

  qsort(us,setups,sizeof(double),cmp);
#define Q(percent) us[((long)setups*(percent)+99)/100-1]
  printf("setuptwin %s, %d layers, %d setups after 1 warm-up and a 100 ms pause, CPU %d, us: p50 %.1f p90 %.1f p99 %.1f max %.1f\n",
    argv[1],n,setups,cpu,Q(50),Q(90),Q(99),us[setups-1]);
  close(userns);
  return 0;}
